using System.Text.Json.Nodes;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Tests.Validation;

public sealed class HeaderTextTests
{
    [Theory]
    [InlineData("Hi\r\nBcc: x")]
    [InlineData("Hi\nthere")]
    [InlineData("Hi\rthere")]
    [InlineData("Hi\0")]
    public void SingleLine_RefusesNamingTheField_WhenTextHasLineBreakOrNul(string text)
    {
        var error = Assert.Throws<RequestValidationException>(() => HeaderText.SingleLine(text, "message.content.title"));

        Assert.Equal((ValidationErrorKind.Invalid, "message.content.title"), (error.Kind, error.Field));
    }

    [Fact]
    public void SingleLine_ReturnsTextUnchanged_WhenItIsOneLine() =>
        Assert.Equal("Hello, Ada", HeaderText.SingleLine("Hello, Ada", "title"));

    [Theory]
    [InlineData("Hi\r\nBcc: x", "Hi Bcc: x")]
    [InlineData("a\nb\rc", "a b c")]
    [InlineData("a\0b", "ab")]
    [InlineData("plain", "plain")]
    public void Flatten_PutsTextOnOneLine(string text, string expected) => Assert.Equal(expected, HeaderText.Flatten(text));

    [Fact]
    public void Render_FlattensTitle_WhenDataCarriesLineBreaks()
    {
        var rendered = new ContentRenderer().Render("email", "Hello {{name}}", "Body", new JsonObject { ["name"] = "Ada\r\nBcc: victim@example.com" }, null);

        Assert.Equal("Hello Ada Bcc: victim@example.com", rendered.Title);
    }
}
