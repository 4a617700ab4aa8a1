using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Dashboard.Tests.Preferences;

/// <summary>RFC 8058 unsubscribe end to end: real SMTP to the loopback sink, the anonymous link, the hosted page.</summary>
public sealed partial class UnsubscribeEndpointsTests : IAsyncLifetime
{
    private readonly SmtpSink sink = SmtpSink.Start();
    private readonly ApiDashboardFactory factory;
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    public UnsubscribeEndpointsTests()
    {
        factory = new ApiDashboardFactory
        {
            Settings =
            {
                ["Providers:sim-email:Enabled"] = "false",
                ["Providers:simulated-email:Enabled"] = "false",
                ["Providers:smtp:Type"] = "smtp",
                ["Providers:smtp:Channel"] = "email",
                ["Providers:smtp:Priority"] = "1",
                ["Providers:smtp:Host"] = "127.0.0.1",
                ["Providers:smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Providers:smtp:Security"] = "None",
                ["Providers:smtp:From"] = "NotificationOps <noreply@example.com>",
                ["Tracking:BaseUrl"] = "https://mail.example.com",
                ["Unsubscribe:Mailto"] = "unsubscribe@example.com",
            },
        };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await sink.DisposeAsync();
    }

    [GeneratedRegex("""^<https://mail\.example\.com/u/([A-Za-z0-9_\-.]+)>, <mailto:unsubscribe@example\.com\?subject=unsubscribe%20([A-Za-z0-9_\-.]+)>$""")]
    private static partial Regex ListUnsubscribeValue();

    [Fact]
    public async Task Send_CarriesListUnsubscribeHeaders_UnderATopic_AndNoneWithout()
    {
        var user = $"u-{run}";
        await PutAsync($"/api/profiles/{user}", """{"profile": {"email": "ada@example.com"}}""");
        await PutAsync($"/api/preferences/topics/{run}-news", """{"name": "News"}""");

        var underTopic = await SendAndRunAsync(user, $"{run}-news");
        var without = await SendAndRunAsync(user, null);

        var headers = Assert.Single(sink.Messages, m => m.Parse().Headers[SmtpProviderHeader] == underTopic.Id).Parse().Headers;
        var match = ListUnsubscribeValue().Match(headers[UnsubscribeLinks.ListUnsubscribe] ?? string.Empty);
        Assert.True(match.Success, headers[UnsubscribeLinks.ListUnsubscribe]);
        Assert.Equal(match.Groups[1].Value, match.Groups[2].Value);
        Assert.Equal(UnsubscribeLinks.OneClick, headers[UnsubscribeLinks.ListUnsubscribePost]);
        var plain = Assert.Single(sink.Messages, m => m.Parse().Headers[SmtpProviderHeader] == without.Id).Parse().Headers;
        Assert.False(plain.Contains(UnsubscribeLinks.ListUnsubscribe));
        Assert.False(plain.Contains(UnsubscribeLinks.ListUnsubscribePost));
    }

    [Fact]
    public async Task OneClickPost_OptsOutWithoutLogin_AndTheNextSendIsUndeliverableUnsubscribed()
    {
        var (user, topic) = ($"u-{run}", $"{run}-promo");
        await PutAsync($"/api/profiles/{user}", """{"profile": {"email": "ada@example.com"}}""");
        await PutAsync($"/api/preferences/topics/{topic}", """{"name": "Promotions"}""");
        var first = await SendAndRunAsync(user, topic);
        var header = sink.Messages.Single(m => m.Parse().Headers[SmtpProviderHeader] == first.Id).Parse().Headers[UnsubscribeLinks.ListUnsubscribe]!;
        var url = new Uri(header[1..header.IndexOf('>')]);

        using var response = await factory.CreateRawClient().PostAsync(url.AbsolutePath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are unsubscribed from &#39;Promotions&#39;.", await response.Content.ReadAsStringAsync());
        Assert.Equal("OPTED_OUT", await StatusAsync(user, topic));
        var second = await SendAndRunAsync(user, topic);
        Assert.Equal(("UNDELIVERABLE", "UNSUBSCRIBED"), (second.Status, second.Reason));
    }

    [Fact]
    public async Task ForgedOrCutToken_Answers404_AndRecordsNothing()
    {
        var (user, topic) = ($"u-{run}", $"{run}-digest");
        await PutAsync($"/api/preferences/topics/{topic}", """{"name": "Digest"}""");
        var token = await TokenAsync(user, topic);
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var anonymous = factory.CreateRawClient();

        foreach (var path in new[] { $"/u/{forged}", $"/u/{token[..^4]}", $"/u/{token[..token.IndexOf('.')]}", "/u/", $"/u/{forged}/preferences" })
        {
            using var get = await anonymous.GetAsync(path);
            using var post = await anonymous.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, post.StatusCode));
            Assert.Null(post.Headers.Location);
        }

        Assert.Equal(0, await factory.QueryAsync(db => db.UserTopicPreferences.CountAsync(p => p.UserId == user)));
        Assert.Equal("OPTED_IN", await StatusAsync(user, topic));
    }

    [Fact]
    public async Task Page_ShowsTheRecipientsTopics_AndSavesChanges_ButNeverARequiredOne()
    {
        var user = $"u-{run}";
        await PutAsync($"/api/preferences/topics/{run}-news", """{"name": "News", "section": "Updates"}""");
        await PutAsync($"/api/preferences/topics/{run}-beta", """{"name": "Beta program", "section": "Updates", "default_status": "OPTED_OUT"}""");
        await PutAsync($"/api/preferences/topics/{run}-legal", """{"name": "Legal notices", "default_status": "REQUIRED"}""");
        var token = await TokenAsync(user, $"{run}-news");
        var anonymous = factory.CreateRawClient();

        var page = await anonymous.GetStringAsync($"/u/{token}");
        Assert.Contains("News", page);
        Assert.Contains("Beta program", page);
        Assert.Contains("Legal notices", page);
        Assert.Contains("(required: always sent)", page);

        // Untick News, tick Beta, and (as a crafted form could) leave out the REQUIRED topic.
        using var saved = await anonymous.PostAsync($"/u/{token}/preferences",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("topic", $"{run}-beta")]));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/u/{token}?saved=1", saved.Headers.Location?.OriginalString);
        Assert.Equal(("OPTED_OUT", "OPTED_IN", "REQUIRED"),
            (await StatusAsync(user, $"{run}-news"), await StatusAsync(user, $"{run}-beta"), await StatusAsync(user, $"{run}-legal")));
        Assert.Equal(0, await factory.QueryAsync(db => db.UserTopicPreferences.CountAsync(p => p.UserId == user && p.TopicId == $"{run}-legal")));
        Assert.Contains("Your preferences are saved.", await anonymous.GetStringAsync($"/u/{token}?saved=1"));
    }

    [Fact]
    public async Task OneClickPost_RefusesARequiredTopic_AndStoresNothing()
    {
        var (user, topic) = ($"u-{run}", $"{run}-security");
        await PutAsync($"/api/preferences/topics/{topic}", """{"name": "Security alerts", "default_status": "REQUIRED"}""");

        using var response = await factory.CreateRawClient().PostAsync($"/u/{await TokenAsync(user, topic)}", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.UserTopicPreferences.CountAsync(p => p.UserId == user)));
    }

    private const string SmtpProviderHeader = "X-NotificationOps-Message-Id";

    private async Task<string> TokenAsync(string user, string topic) =>
        new UnsubscribeToken(user, topic).Sign(await factory.Services.GetRequiredService<TrackingKeyStore>().GetKeyAsync());

    private async Task<Sent> SendAndRunAsync(string user, string? topic)
    {
        var message = new JsonObject
        {
            ["to"] = new JsonObject { ["user_id"] = user },
            ["content"] = new JsonObject { ["title"] = "Hi", ["body"] = "News" },
            ["routing"] = new JsonObject { ["method"] = "single", ["channels"] = new JsonArray("email") },
        };
        if (topic is not null)
        {
            message["preferences"] = new JsonObject { ["subscription_topic_id"] = topic };
        }

        using var client = factory.CreateApiClient();
        var sent = await client.PostAsync("/api/send", ApiJson.Content(new JsonObject { ["message"] = message }.ToJsonString()));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var id = (await ApiJson.ReadAsync(sent)).GetProperty("requestId").GetString()!;
        await factory.Services.GetRequiredService<SendPipeline>().DeliverAsync([id], CancellationToken.None);
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}");
        return new Sent(id, stored.GetProperty("status").GetString()!, stored.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
    }

    private async Task<string> StatusAsync(string user, string topic)
    {
        using var client = factory.CreateApiClient();
        var answer = await client.GetFromJsonAsync<JsonElement>($"/api/users/{user}/preferences/{topic}");
        return answer.GetProperty("topic").GetProperty("status").GetString()!;
    }

    private async Task PutAsync(string path, string body)
    {
        using var client = factory.CreateApiClient();
        var response = await client.PutAsync(path, ApiJson.Content(body));
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private sealed record Sent(string Id, string Status, string? Reason);
}
