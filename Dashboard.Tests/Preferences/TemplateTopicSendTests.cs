using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Dashboard.Tests.Preferences;

/// <summary>A template's subscription topic is checked at send when the message names none (the pipeline is run directly).</summary>
public sealed class TemplateTopicSendTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Send_EndsUndeliverableUnsubscribed_WhenRecipientOptedOutOfTheTemplatesTopic()
    {
        var (user, topic, alias) = ($"u-{run}", $"{run}-digest", $"t-{run}");
        await TemplateAsync(alias, topic);
        await SendAsync(HttpMethod.Put, $"/api/profiles/{user}", """{"profile": {"email": "ada@example.com"}}""");
        await SendAsync(HttpMethod.Put, $"/api/users/{user}/preferences/{topic}", """{"topic": {"status": "OPTED_OUT"}}""");

        var message = await SendAndRunAsync($$"""{"message": {"to": {"user_id": "{{user}}"}, "template": "{{alias}}"} }""");

        Assert.Equal(("UNDELIVERABLE", "UNSUBSCRIBED"), (message.GetProperty("status").GetString(), message.GetProperty("reason").GetString()));
        var history = await client.GetStringAsync($"/api/messages/{message.GetProperty("id").GetString()}/history");
        Assert.Contains($"opted out of topic '{topic}'", history);
    }

    [Fact]
    public async Task Send_UsesTheMessagesTopic_OverTheTemplates()
    {
        var (user, topic, alias) = ($"u-{run}", $"{run}-digest", $"t-{run}");
        await TemplateAsync(alias, topic);
        await SendAsync(HttpMethod.Put, $"/api/profiles/{user}", """{"profile": {"email": "ada@example.com"}}""");
        await SendAsync(HttpMethod.Put, $"/api/users/{user}/preferences/{topic}", """{"topic": {"status": "OPTED_OUT"}}""");

        var message = await SendAndRunAsync(
            $$"""{"message": {"to": {"user_id": "{{user}}"}, "template": "{{alias}}", "preferences": {"subscription_topic_id": "{{run}}-other"} } }""");

        Assert.Contains(message.GetProperty("status").GetString(), new[] { "SENT", "DELIVERED" });
    }

    [Fact]
    public async Task PostTemplate_Answers400OnTopic_ForControlCharacters()
    {
        var body = $$"""{"alias": "t-{{run}}", "name": "N", "content": {"sms": {"text": "x"}, "subscription_topic_id": "a\u0001b"} }""";

        var response = await client.PostAsync("/api/templates", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("content.subscription_topic_id", ApiJson.Field(await ApiJson.ReadAsync(response)));
    }

    private async Task TemplateAsync(string alias, string topic)
    {
        await SendAsync(HttpMethod.Post, "/api/templates",
            $$"""{"alias": "{{alias}}", "name": "Digest", "content": {"email": {"subject": "Digest", "text": "News"}, "subscription_topic_id": "{{topic}}"} }""");
        await SendAsync(HttpMethod.Post, $"/api/templates/{alias}/publish", null);
    }

    private async Task<JsonElement> SendAndRunAsync(string body)
    {
        var id = (await SendAsync(HttpMethod.Post, "/api/send", body)).GetProperty("requestId").GetString()!;
        await factory.Services.GetRequiredService<SendPipeline>().DeliverAsync([id], CancellationToken.None);
        return await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}");
    }

    private Task<JsonElement> SendAsync(HttpMethod method, string path, string? json) => ApiJson.SendOkAsync(client, method, path, json);
}
