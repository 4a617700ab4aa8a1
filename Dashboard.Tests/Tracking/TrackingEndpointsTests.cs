using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Dashboard.Tests.Tracking;

public sealed partial class TrackingEndpointsTests : IAsyncLifetime
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    // Hits right after delivery would be judged scanners; these tests look at everything else.
    private readonly ApiDashboardFactory factory = new() { Settings = { ["Tracking:MachineHitWindowSeconds"] = "0" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => factory.DisposeAsync().AsTask();

    [GeneratedRegex("""/t/o/([A-Za-z0-9_\-.]+)\.gif""")]
    private static partial Regex OpenUrl();

    [GeneratedRegex("""/t/c/([A-Za-z0-9_\-.]+)""")]
    private static partial Regex ClickUrl();

    [Fact]
    public async Task Open_AnswersTheGifAndMovesToOpened_ForAValidToken()
    {
        var sent = await SendAsync(factory);

        using var response = await Client(factory).GetAsync($"/t/o/{sent.OpenToken}.gif");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(TrackingEndpoints.Pixel, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(43, TrackingEndpoints.Pixel.Length);
        Assert.Equal(MessageStatus.Opened, await StatusAsync(factory, sent.Id));
        var hit = Assert.Single(await HitsAsync(factory, sent.Id));
        Assert.Equal((TrackingHitKind.Open, false, Browser), (hit.Kind, hit.Machine, hit.UserAgent));
    }

    [Fact]
    public async Task Open_AnswersTheSameGifAndRecordsNothing_ForAForgedToken()
    {
        var sent = await SendAsync(factory);
        var forged = sent.OpenToken[..^2] + (sent.OpenToken[^2] == 'A' ? "B" : "A") + sent.OpenToken[^1];

        using var response = await Client(factory).GetAsync($"/t/o/{forged}.gif");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TrackingEndpoints.Pixel, await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(await HitsAsync(factory, sent.Id));
        Assert.Equal(MessageStatus.Delivered, await StatusAsync(factory, sent.Id));
    }

    [Fact]
    public async Task Click_Redirects302ToTheStoredUrl_IgnoringAUrlParameter_AndMovesToClicked()
    {
        var sent = await SendAsync(factory);

        using var response = await Client(factory).GetAsync($"/t/c/{sent.ClickTokens[0]}?url=https://evil.example/&redirect=https://evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://blog.example/p1", response.Headers.Location?.ToString());
        Assert.Equal(MessageStatus.Clicked, await StatusAsync(factory, sent.Id));
        var hit = Assert.Single(await HitsAsync(factory, sent.Id));
        Assert.Equal((TrackingHitKind.Click, "eh0", false), (hit.Kind, hit.LinkId, hit.Machine));
    }

    [Fact]
    public async Task Click_Answers404_ForATamperedTokenOrAnUnknownLink()
    {
        var sent = await SendAsync(factory);
        var key = await factory.Services.GetRequiredService<TrackingKeyStore>().GetKeyAsync();
        var unknownLink = new TrackingToken(TrackingHitKind.Click, sent.Id, "eh99").Sign(key);
        var openAsClick = sent.OpenToken;
        var tampered = sent.ClickTokens[0][..^1] + (sent.ClickTokens[0][^1] == 'A' ? 'B' : 'A');

        foreach (var token in new[] { unknownLink, openAsClick, tampered })
        {
            using var response = await Client(factory).GetAsync($"/t/c/{token}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Contains("Link not found", await response.Content.ReadAsStringAsync());
        }

        Assert.Empty(await HitsAsync(factory, sent.Id));
    }

    [Theory]
    [InlineData("/t/c//evil.example")]
    [InlineData("/t/c/%2F%2Fevil.example")]
    [InlineData("/t/c/evil.example?url=https://evil.example")]
    [InlineData("/t/c/https:%2F%2Fevil.example")]
    [InlineData("/t/c/")]
    [InlineData("/t/o/")]
    [InlineData("/t/o/cut-short")]
    public async Task Click_NeverRedirectsToWhatTheRequestNames_AndABrokenLinkIsLinkNotFound(string path)
    {
        using var response = await Client(factory).GetAsync(path);

        // The recipient's 404 page, never a redirect: neither off-site nor to the operators' sign-in page.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Link not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Click_Head_IsAMachineHit_AndLeavesTheStatus()
    {
        var sent = await SendAsync(factory);

        using var response = await Client(factory).SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/t/c/{sent.ClickTokens[1]}"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(MessageStatus.Delivered, await StatusAsync(factory, sent.Id));
        var hit = Assert.Single(await HitsAsync(factory, sent.Id));
        Assert.Equal((true, "HEAD request"), (hit.Machine, hit.MachineReason));
    }

    [Fact]
    public async Task Open_ByApplePrivacyProtection_IsAMachineHit_AndLeavesTheStatus()
    {
        var sent = await SendAsync(factory);
        using var client = factory.CreateRawClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(MachineHitClassifier.ApplePrivacyUserAgent);

        using var response = await client.GetAsync($"/t/o/{sent.OpenToken}.gif");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MessageStatus.Delivered, await StatusAsync(factory, sent.Id));
        Assert.True(Assert.Single(await HitsAsync(factory, sent.Id)).Machine);
    }

    [Fact]
    public async Task Click_OnTheHoneypot_IsAMachineHit_AnsweredWithoutRedirect()
    {
        var sent = await SendAsync(factory);
        var honeypot = await factory.QueryAsync(db => db.TrackedLinks.SingleAsync(l => l.MessageId == sent.Id && l.Kind == TrackedLinkKind.Honeypot));
        var key = await factory.Services.GetRequiredService<TrackingKeyStore>().GetKeyAsync();

        using var response = await Client(factory).GetAsync($"/t/c/{new TrackingToken(TrackingHitKind.Click, sent.Id, honeypot.LinkId).Sign(key)}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(MessageStatus.Delivered, await StatusAsync(factory, sent.Id));
        Assert.Equal((true, "honeypot link"), (await HitsAsync(factory, sent.Id)).Select(h => (h.Machine, h.MachineReason)).Single());
    }

    [Fact]
    public async Task Click_ByAScannerSecondsAfterDelivery_IsAMachineHit_AndLeavesTheStatus()
    {
        await using var scanned = new ApiDashboardFactory { Settings = { ["Tracking:MachineHitWindowSeconds"] = "3600" } };
        var sent = await SendAsync(scanned);

        using var response = await Client(scanned).GetAsync($"/t/c/{sent.ClickTokens[0]}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(MessageStatus.Delivered, await StatusAsync(scanned, sent.Id));
        var hit = Assert.Single(await HitsAsync(scanned, sent.Id));
        Assert.True(hit.Machine);
        Assert.StartsWith("within 3600 s of delivery", hit.MachineReason);
    }

    private static HttpClient Client(ApiDashboardFactory app)
    {
        // No API key, no cookie: the tracking endpoints are anonymous.
        var client = app.CreateRawClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        return client;
    }

    private static async Task<Sent> SendAsync(ApiDashboardFactory app)
    {
        using var api = app.CreateApiClient();
        using var accepted = await api.PostAsync("/api/send", ApiJson.Content(
            """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"News","body":"Read [the post](https://blog.example/p1) or [the shop](https://shop.example/)."}}}"""));
        var id = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["requestId"]!.GetValue<string>();
        await app.Services.GetRequiredService<SendJob>().RunAsync(id, CancellationToken.None);
        var html = JsonNode.Parse((await app.QueryAsync(db => db.Messages.SingleAsync(m => m.Id == id))).OutputJson!)!["html"]!.GetValue<string>();
        return new Sent(id, OpenUrl().Match(html).Groups[1].Value, ClickUrl().Matches(html).Select(m => m.Groups[1].Value).ToList());
    }

    private static Task<MessageStatus> StatusAsync(ApiDashboardFactory app, string id) =>
        app.QueryAsync(db => db.Messages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync());

    private static Task<List<TrackingHit>> HitsAsync(ApiDashboardFactory app, string id) =>
        app.QueryAsync(db => db.TrackingHits.AsNoTracking().Where(h => h.MessageId == id).OrderBy(h => h.Id).ToListAsync());

    private sealed record Sent(string Id, string OpenToken, IReadOnlyList<string> ClickTokens);
}
