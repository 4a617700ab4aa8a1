using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NotificationOps.Dashboard.Tests.Browser;

[Collection(RealAppCollection.Name)]
public sealed class EventLogFlowTests
{
    [Fact]
    public async Task Operator_OpensFilteredLink_PagesThroughFailures_RetriesOne_AndBulkRetriesTheRest()
    {
        await using var provider = await FakeProviderServer.StartAsync();
        provider.Default = new FakeResponse(400, "{\"error\":\"mailbox unavailable\"}");
        await using var app = await AppProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["Providers__simulated-email__Enabled"] = "false",
            ["Providers__hook__Type"] = "webhook",
            ["Providers__hook__Channel"] = "email",
            ["Providers__hook__Url"] = new Uri(provider.BaseAddress, "/deliver").ToString(),
            ["Providers__simulated-sms__DeliveryDelayMs"] = "0",
        });
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);
        var emails = string.Join(",", Enumerable.Range(0, 60).Select(i => $"{{\"email\":\"fail{i}@example.com\"}}"));
        var phones = string.Join(",", Enumerable.Range(0, 5).Select(i => $"{{\"phone_number\":\"+1415555{1000 + i}\"}}"));
        foreach (var recipients in new[] { emails, phones })
        {
            var response = await api.PostAsync("/api/send", new StringContent(
                $"{{\"message\":{{\"to\":[{recipients}],\"content\":{{\"title\":\"Hi\",\"body\":\"Hello\"}}}}}}", Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        await Eventually.HoldsAsync(async () => await CountAsync(api, "UNDELIVERABLE") == 60 && await CountAsync(api, "DELIVERED") == 5, "the sends to settle");

        await using var session = await DashboardBrowser.LaunchAsync(app, 1280, 800);
        var page = session.Page;
        await session.SignInAtAsync("/?status=UNDELIVERABLE&channel=email");

        // The shared link lands on the filtered view: only email failures, 50 on the first page.
        await Expect(page).ToHaveURLAsync(new Regex("status=UNDELIVERABLE"));
        var rows = page.Locator("[data-testid=grid] tbody tr:has([data-testid=recipient-cell])");
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(page.Locator("[data-testid=grid] .status-chip[data-status=UNDELIVERABLE]")).ToHaveCountAsync(50);
        await Expect(page.Locator("[data-testid=grid]")).Not.ToContainTextAsync("+1415555");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("event-log-filtered") });
        // At 1280 × 800 (beside the navigation) every filter's label is whole, none cut to "Recipient starts…".
        var cutLabels = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('label.mud-input-label')].filter(l => l.scrollWidth > l.clientWidth).map(l => l.textContent.trim())");
        Assert.Empty(cutLabels);
        // And the grid's columns fit: nothing hidden to the right behind a scroll bar.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => { const c = document.querySelector('[data-testid=grid] .mud-table-container'); return c.scrollWidth <= c.clientWidth; }"),
            "the event log's columns overflow at 1280 px");

        // Older, then back with the browser.
        await page.Locator("[data-testid=older]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("cursor="));
        await Expect(rows).ToHaveCountAsync(10);
        await page.GoBackAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("cursor="));
        await Expect(rows).ToHaveCountAsync(50);

        // Open one failure, read the provider's answer, retry it by hand once the provider accepts again.
        await rows.First.Locator("[data-testid=recipient-cell]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/messages/"));
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("UNDELIVERABLE");
        await Expect(page.GetByTestId("attempts")).ToContainTextAsync("mailbox unavailable");
        provider.Default = new FakeResponse(200, "{\"ok\":true}");
        await page.GetByTestId("retry").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await page.Locator(".mud-dialog button:has-text('Retry now')").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("DELIVERED", new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("message-detail-retried") });
        await page.GoBackAsync();
        await Expect(rows.First).ToBeVisibleAsync();

        // The provider is fixed; re-drive every remaining failure of this filter.
        await page.Locator("[data-testid=bulk-menu] button").ClickAsync();
        await Expect(page.GetByTestId("bulk-retry-all")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=bulk-retry-all]");
        await Expect(page.GetByTestId("bulk-summary")).ToContainTextAsync("59");
        await page.ClickAsync("[data-testid=bulk-confirm]");
        await Expect(page.GetByTestId("bulk-progress")).ToContainTextAsync("59 of 59", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("bulk-progress")).ToContainTextAsync("finished", new() { Timeout = 30_000 });
        await Eventually.HoldsAsync(async () => await CountAsync(api, "DELIVERED") == 65, "every retried message to be delivered");
        // The panel tells what became of them, not only that they were queued, and links to exactly them.
        await Expect(page.GetByTestId("bulk-outcome-delivered")).ToHaveTextAsync("59 delivered", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("bulk-outcome-failed")).ToHaveTextAsync("0 failed again");
        await page.GetByTestId("bulk-messages-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("bulk="));
        await Expect(page.GetByTestId("bulk-filter")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=grid] .status-chip[data-status=DELIVERED]")).ToHaveCountAsync(50);
        await Expect(page.Locator("[data-testid=grid] .status-chip[data-status=DELIVERED]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("event-log-bulk-retry") });
    }

    private static async Task<int> CountAsync(HttpClient api, string status)
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/messages?status={status}&limit=500");
        return page.GetProperty("results").GetArrayLength();
    }
}
