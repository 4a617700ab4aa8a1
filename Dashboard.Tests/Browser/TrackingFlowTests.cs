using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using NotificationOps.Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NotificationOps.Dashboard.Tests.Browser;

[Collection(RealAppCollection.Name)]
public sealed partial class TrackingFlowTests
{
    [GeneratedRegex("""src="([^"]*/t/o/[^"]+\.gif)""")]
    private static partial Regex PixelUrl();

    [Fact]
    public async Task Operator_ViewingAMessage_FiresNoPixel_AndSeesTheRecipientsOpen()
    {
        await using var app = await AppProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["Providers__simulated-email__DeliveryDelayMs"] = "0",
            ["Tracking__MachineHitWindowSeconds"] = "0",
        });
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);
        var accepted = await api.PostAsync("/api/send", new StringContent(
            """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Sale","body":"![banner](https://images.example/banner.png) See [the sale](https://shop.example/sale)."}}}""",
            Encoding.UTF8, "application/json"));
        var id = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["requestId"]!.GetValue<string>();
        await Eventually.HoldsAsync(async () => await StatusAsync(api, id) == "DELIVERED", "the message to be delivered");

        await using var session = await DashboardBrowser.LaunchAsync(app, 1280, 900);
        var page = session.Page;
        // What reached a server: a request the policy blocks never gets this far.
        var fetched = new List<string>();
        page.RequestFinished += (_, request) =>
        {
            if (request.Url.Contains("/t/", StringComparison.Ordinal) || request.Url.Contains("images.example", StringComparison.Ordinal))
            {
                fetched.Add(request.Url);
            }
        };
        await session.SignInAtAsync($"/messages/{id}");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("DELIVERED");
        await Expect(page.GetByTestId("no-hits")).ToBeVisibleAsync();
        await Expect(page.Locator("iframe[data-testid=rendered-html]")).ToBeVisibleAsync();

        // The rendered HTML carries the pixel and a remote image; the viewer's policy lets neither load.
        Assert.Empty(fetched);
        Assert.Equal(0, await HitCountAsync(app));

        // The recipient opens the mail: their client loads the pixel.
        var output = JsonNode.Parse(await api.GetStringAsync($"/api/messages/{id}/output"))!;
        var pixel = PixelUrl().Match(output["results"]![0]!["content"]!["html"]!.GetValue<string>()).Groups[1].Value;
        using var recipient = new HttpClient();
        recipient.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15");
        Assert.Equal(43, (await recipient.GetByteArrayAsync(pixel)).Length);

        await session.ReloadAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("OPENED");
        await Expect(page.GetByTestId("hit-human")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("hit-summary")).ToContainTextAsync("Human: 1 open, 0 clicks");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("message-detail-tracking"), FullPage = true });
        Assert.Empty(fetched);
        Assert.Equal(1, await HitCountAsync(app)); // the recipient's, not the viewer's
    }

    private static async Task<long> HitCountAsync(AppProcess app)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM TrackingHits";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> StatusAsync(HttpClient api, string id) =>
        JsonNode.Parse(await api.GetStringAsync($"/api/messages/{id}"))!["status"]!.GetValue<string>();
}
