using System.Text.Json.Nodes;
using NotificationOps.Engine.Api;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Tests.Sending;

public sealed class SendRequestParserTests
{
    [Fact]
    public void Parse_FullRequest_ReadsRecipientRoutingMetadataDelayAndTimeout()
    {
        var request = Parse("""
            {"message":{"to":{"email":"ada@example.com","phone_number":"+1 (415) 555-0123","user_id":"u1"},
             "content":{"title":"Hi","body":"Hello"},"data":{"name":"Ada"},
             "routing":{"method":"all","channels":["SMS"," email ","sms"]},
             "metadata":{"tags":["orders"," vip ","orders"],"trace_id":"t-1"},
             "delay":{"duration":1500},"timeout":{"message":60000}}}
            """);

        var recipient = Assert.Single(request.Recipients);
        Assert.Equal(("u1", "ada@example.com", "+14155550123"), (recipient.UserId, recipient.Email, recipient.PhoneNumber));
        Assert.Equal(RoutingMethods.All, request.RoutingMethod);
        Assert.Equal(["sms", "email"], request.RoutingChannels!);
        Assert.Equal(["orders", "vip"], request.Tags);
        Assert.Equal("t-1", request.TraceId);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), request.Delay);
        Assert.Null(request.DelayUntil);
        Assert.Equal(TimeSpan.FromMinutes(1), request.Timeout);
        Assert.Null(request.Template);
        Assert.False(request.Message.ContainsKey("to"));
        Assert.Equal("Ada", request.Message["data"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_Defaults_SingleRoutingWithoutChannelsTagsOrDelay()
    {
        var request = Parse("""{"message":{"to":{"email":"ada@example.com"},"content":{"body":"Hello"}}}""");

        Assert.Equal(RoutingMethods.Single, request.RoutingMethod);
        Assert.Null(request.RoutingChannels);
        Assert.Empty(request.Tags);
        Assert.Null(request.TraceId);
        Assert.Null(request.Delay);
        Assert.Null(request.Timeout);
    }

    [Fact]
    public void Parse_ArrayOfRecipients_OneSpecEachInOrder()
    {
        var request = Parse("""{"message":{"to":[{"email":"a@example.com"},{"user_id":"u2"},{"phone_number":"+447700900123"}],"content":{"body":"x"}}}""");

        Assert.Equal(["a@example.com", null, null], request.Recipients.Select(r => r.Email));
        Assert.Equal([null, "u2", null], request.Recipients.Select(r => r.UserId));
        Assert.Equal([null, null, "+447700900123"], request.Recipients.Select(r => r.PhoneNumber));
    }

    [Fact]
    public void Parse_Template_KeepsTheAliasAndNeedsNoContent()
    {
        var request = Parse("""{"message":{"to":{"email":"ada@example.com"},"template":" welcome ","data":{"name":"Ada"}}}""");

        Assert.Equal("welcome", request.Template);
        Assert.Equal("welcome", request.Message["template"]!.GetValue<string>().Trim());
    }

    [Fact]
    public void Parse_NestedRoutingChannels_FlattensInOrderWithoutRepeats()
    {
        var request = Parse("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"routing":{"method":"single","channels":["push",{"method":"all","channels":["email","push"]},"sms"]}}}""");

        Assert.Equal(["push", "email", "sms"], request.RoutingChannels!);
    }

    [Fact]
    public void Parse_DelayUntil_IsReadAsUtc()
    {
        var request = Parse("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"delay":{"until":"2026-12-01T09:30:00+01:00"}}}""");

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero), request.DelayUntil);
        Assert.Equal(TimeSpan.Zero, request.DelayUntil!.Value.Offset);
    }

    [Fact]
    public void Parse_SlackRecipientWithoutAddress_IsAccepted()
    {
        var request = Parse("""{"message":{"to":{"slack":{"channel":"#alerts"}},"content":{"body":"x"}}}""");

        Assert.Equal("#alerts", Assert.Single(request.Recipients).Raw["slack"]!["channel"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""[]""", "body", 400)]
    [InlineData("""{"message":"hi"}""", "message", 400)]
    [InlineData("""{"message":{"content":{"body":"x"}}}""", "message.to", 400)]
    [InlineData("""{"message":{"to":[],"content":{"body":"x"}}}""", "message.to", 400)]
    [InlineData("""{"message":{"to":["a@example.com"],"content":{"body":"x"}}}""", "message.to[0]", 422)]
    [InlineData("""{"message":{"to":[{"email":"a@example.com"},{"name":"Bob"}],"content":{"body":"x"}}}""", "message.to[1]", 400)]
    [InlineData("""{"message":{"to":{"email":"not-an-email"},"content":{"body":"x"}}}""", "message.to.email", 422)]
    [InlineData("""{"message":{"to":{"email":"a@localhost"},"content":{"body":"x"}}}""", "message.to.email", 422)]
    [InlineData("""{"message":{"to":{"phone_number":"12"},"content":{"body":"x"}}}""", "message.to.phone_number", 422)]
    [InlineData("""{"message":{"to":{"user_id":42},"content":{"body":"x"}}}""", "message.to.user_id", 422)]
    [InlineData("""{"message":{"to":{"audience_id":"a1","filters":[{"operator":"EQ","value":"l"}]},"content":{"body":"x"}}}""", "message.to.filters[0].operator", 400)]
    [InlineData("""{"message":{"to":{"list_id":"l1","filters":[]},"content":{"body":"x"}}}""", "message.to.filters", 400)]
    [InlineData("""{"message":{"to":{"list_id":"l\u0001"},"content":{"body":"x"}}}""", "message.to.list_id", 400)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"}}}""", "message.content", 400)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"template":"welcome"}}""", "message.template", 400)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":"x"}}""", "message.content", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"title":"x"}}}""", "message.content.body", 400)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"title":1,"body":"x"}}}""", "message.content.title", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"data":[1]}}""", "message.data", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"routing":"email"}}""", "message.routing", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"routing":{"method":"best"}}}""", "message.routing.method", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"routing":{"channels":"email"}}}""", "message.routing.channels", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"routing":{"channels":["email","fax"]}}}""", "message.routing.channels[1]", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"routing":{"channels":[{"channels":[3]}]}}}""", "message.routing.channels[0].channels[0]", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"channels":{"fax":{}}}}""", "message.channels.fax", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"channels":{"email":{"providers":"sendgrid"}}}}""", "message.channels.email.providers", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"providers":["sendgrid"]}}""", "message.providers", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"metadata":{"tags":"a"}}}""", "message.metadata.tags", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"metadata":{"tags":["a,b"]}}}""", "message.metadata.tags", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"metadata":{"tags":[" "]}}}""", "message.metadata.tags", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"delay":{"duration":-1}}}""", "message.delay.duration", 400)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"delay":{"until":"tomorrow"}}}""", "message.delay.until", 400)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"delay":5}}""", "message.delay", 422)]
    [InlineData("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"timeout":{"message":0}}}""", "message.timeout.message", 400)]
    public void Parse_Refuses_NamingTheField(string json, string field, int statusCode)
    {
        var error = Assert.Throws<RequestValidationException>(() => Parse(json));

        Assert.Equal(field, error.Field);
        Assert.Equal(statusCode, ApiErrorMapping.StatusOf(error.Kind));
    }

    [Fact]
    public void Parse_OverlongTraceId_IsRefused()
    {
        var body = JsonNode.Parse("""{"message":{"to":{"email":"a@example.com"},"content":{"body":"x"},"metadata":{}}}""")!;
        body["message"]!["metadata"]!["trace_id"] = new string('t', 201);

        Assert.Equal("message.metadata.trace_id", Assert.Throws<RequestValidationException>(() => SendRequestParser.Parse(body)).Field);
    }

    [Fact]
    public void Parse_MoreThanAThousandRecipients_IsRefused()
    {
        var to = new JsonArray(Enumerable.Range(0, 1001).Select(i => (JsonNode)new JsonObject { ["user_id"] = $"u{i}" }).ToArray());
        var body = new JsonObject { ["message"] = new JsonObject { ["to"] = to, ["content"] = new JsonObject { ["body"] = "x" } } };

        var error = Assert.Throws<RequestValidationException>(() => SendRequestParser.Parse(body));

        Assert.Equal("message.to", error.Field);
    }

    [Fact]
    public void ParseContent_Elemental_TakesTheMetaTitleAndJoinsTheTexts()
    {
        var content = JsonNode.Parse("""{"version":"2022-01-01","elements":[{"type":"meta","title":"Welcome"},{"type":"text","content":"Hello"},{"type":"text","content":"Bye"}]}""");

        Assert.Equal(("Welcome", "Hello\n\nBye"), SendContentParser.Parse(content));
    }

    [Fact]
    public void ParseContent_TitleAndBody_AreReadAsGiven()
    {
        Assert.Equal(("Hi", "Hello"), SendContentParser.Parse(JsonNode.Parse("""{"title":"Hi","body":"Hello"}""")));
        Assert.Equal(((string?)null, "Hello"), SendContentParser.Parse(JsonNode.Parse("""{"body":"Hello"}""")));
    }

    private static SendRequest Parse(string json) => SendRequestParser.Parse(JsonNode.Parse(json));
}
