using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Tests.Http;

public sealed class JsonErrorTextTests
{
    [Fact]
    public void Of_NamesTheLineAndColumnCountedFromOne_WithoutTheParsersZeroBasedTail()
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonNode.Parse("{\"a\": 1,\n  \"b\": }"));

        var text = JsonErrorText.Of(ex);

        Assert.StartsWith("line 2, column 8: ", text);
        Assert.DoesNotContain("LineNumber", text);
        Assert.DoesNotContain("BytePositionInLine", text);
    }

    [Fact]
    public void Of_KeepsAMessageWithoutPosition_AsItIs()
    {
        Assert.Equal("Write a JSON object.", JsonErrorText.Of(new JsonException("Write a JSON object.")));
    }
}
