using System.Net;
using System.Text.Json.Nodes;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

/// <summary>Issue 13, defect 6: empty content, header-breaking titles and unknown providers are refused at intake, storing nothing.</summary>
public sealed class SendContentValidationTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    public static TheoryData<string, HttpStatusCode, string> Refused => new()
    {
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"elements": []}}}""", HttpStatusCode.BadRequest, "message.content.elements" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"elements": [{"type": "meta", "title": ""}, {"type": "text", "content": " "}]}}}""", HttpStatusCode.BadRequest, "message.content.elements" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"title": "", "body": ""}}}""", HttpStatusCode.BadRequest, "message.content.body" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"body": "  \n "}}}""", HttpStatusCode.BadRequest, "message.content.body" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"title": "Hi\r\nBcc: victim@example.com", "body": "x"}}}""", HttpStatusCode.BadRequest, "message.content.title" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"title": "Hi\nthere", "body": "x"}}}""", HttpStatusCode.BadRequest, "message.content.title" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"title": "Hi\u0000", "body": "x"}}}""", HttpStatusCode.BadRequest, "message.content.title" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"elements": [{"type": "meta", "title": "A\rB"}, {"type": "text", "content": "x"}]}}}""", HttpStatusCode.BadRequest, "message.content.elements[0].title" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"body": "x"}, "providers": {"no-such-provider": {}}}}""", HttpStatusCode.UnprocessableEntity, "message.providers.no-such-provider" },
        { """{"message": {"to": {"email": "a@example.com"}, "content": {"body": "x"}, "channels": {"email": {"providers": ["sim-email", "nope"]}}}}""", HttpStatusCode.UnprocessableEntity, "message.channels.email.providers[1]" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Send_RefusesNamingTheFieldAndStoresNothing_ForContentThatShouldNotPass(string body, HttpStatusCode status, string field)
    {
        var before = await factory.CountRowsAsync();

        var response = await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content(body));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Theory]
    [InlineData("""{"message": {"to": {"email": "a@example.com"}, "content": {"body": "x"}, "providers": {"sim-email": {}}}}""")]
    [InlineData("""{"message": {"to": {"email": "a@example.com"}, "content": {"body": "x"}, "providers": {"simulated": {"override": {}}}}}""")]
    [InlineData("""{"message": {"to": {"email": "a@example.com"}, "content": {"title": "Only a title", "body": ""}}}""")]
    public async Task Send_Accepts_KnownProvidersAndContentWithText(string body)
    {
        var response = await factory.CreateApiClient().PostAsync("/api/send", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("email", "subject")]
    [InlineData("push", "title")]
    [InlineData("inbox", "title")]
    public async Task CreateTemplate_Answers400NamingTheField_ForTitleWithLineBreak(string channel, string titleField)
    {
        var body = new JsonObject
        {
            ["alias"] = $"crlf-{channel}",
            ["name"] = "CRLF",
            ["content"] = new JsonObject { [channel] = new JsonObject { [titleField] = "Hello\r\nX-Injected: yes" } },
        }.ToJsonString();

        var response = await factory.CreateApiClient().PostAsync("/api/templates", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"content.{channel}.{titleField}", ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateApiClient().GetAsync($"/api/templates/crlf-{channel}")).StatusCode);
    }
}
