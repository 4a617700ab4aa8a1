using System.Text.Json.Nodes;
using NotificationOps.Engine.Bulk;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Tests.Bulk;

public sealed class BulkRequestsTests
{
    private static readonly JsonObject Definition = JsonNode.Parse("""{"event": "welcome", "brand": "b1", "data": {"a": 1, "b": 1}}""")!.AsObject();

    [Fact]
    public void Compose_MergesUserDataOverJobData_AndMakesRecipientFromProfileToAndRecipient()
    {
        var user = JsonNode.Parse("""{"recipient": "ada", "profile": {"email": "a@example.com", "list_id": "x"}, "to": {"phone_number": "+14155550123"}, "data": {"b": 2}, "preferences": {"notifications": {}}}""")!.AsObject();

        var message = BulkRequests.Compose(Definition, user);

        Assert.Equal("welcome", message["template"]!.GetValue<string>());
        Assert.Equal("b1", message["brand_id"]!.GetValue<string>());
        Assert.Equal("""{"a":1,"b":2}""", message["data"]!.ToJsonString());
        var expected = JsonNode.Parse("""{"email": "a@example.com", "phone_number": "+14155550123", "user_id": "ada", "preferences": {"notifications": {}}}""");
        Assert.True(JsonNode.DeepEquals(expected, message["to"]), message["to"]!.ToJsonString());
    }

    [Fact]
    public void Compose_PrefersContent_OverTheEventsTemplate()
    {
        var definition = JsonNode.Parse("""{"event": "welcome", "template": "t2", "content": {"title": "T", "body": "B"}}""")!.AsObject();

        var message = BulkRequests.Compose(definition, new JsonObject { ["recipient"] = "ada" });

        Assert.Null(message["template"]);
        Assert.Equal("T", message["content"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void ReadUsers_Refuses_WithTheUsersIndex_WhenAUserNamesNobody()
    {
        var body = JsonNode.Parse("""{"users": [{"recipient": "ok"}, {"data": {"x": 1}}]}""");

        var error = Assert.Throws<RequestValidationException>(() => BulkRequests.ReadUsers(body, Definition));

        Assert.Equal("users[1]", error.Field);
    }

    [Fact]
    public void ReadDefinition_Refuses_OverLongEvent()
    {
        var body = new JsonObject { ["message"] = new JsonObject { ["event"] = new string('e', 256) } };

        Assert.Equal("message.event", Assert.Throws<RequestValidationException>(() => BulkRequests.ReadDefinition(body)).Field);
    }

    [Fact]
    public void MessageId_IsTheSame_ForTheSameJobAndIndex_AndDiffersOtherwise()
    {
        var job = MessageIds.New();

        Assert.Equal(BulkRunner.MessageId(job, 3), BulkRunner.MessageId(job, 3));
        Assert.NotEqual(BulkRunner.MessageId(job, 3), BulkRunner.MessageId(job, 4));
        Assert.NotEqual(BulkRunner.MessageId(job, 3), BulkRunner.MessageId(MessageIds.New(), 3));
        Assert.Equal(32, BulkRunner.MessageId(job, 3).Length);
    }
}
