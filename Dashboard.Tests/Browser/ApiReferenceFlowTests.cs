using Microsoft.Playwright;
using NotificationOps.Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NotificationOps.Dashboard.Tests.Browser;

/// <summary>Issue 17, item 7: the API reference works offline, shows the Bearer header whole, and leads back to the dashboard.</summary>
[Collection(RealAppCollection.Name)]
public sealed class ApiReferenceFlowTests
{
    [Fact]
    public async Task ApiReference_CallsNoOtherHost_ShowsBearerHeader_AndLinksBack()
    {
        await using var app = await AppProcess.StartAsync();
        await using var session = await DashboardBrowser.LaunchAsync(app, 1440, 900);
        var page = session.Page;
        await session.SignInAtAsync("/");
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme is "http" or "https" && uri.Authority != app.BaseAddress.Authority)
            {
                elsewhere.Add(request.Url);
            }
        };
        // A request the page's CSP blocks never reaches the network, so it is only seen as a console error.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                elsewhere.Add(message.Text);
            }
        };

        await page.GotoAsync(session.Url("/api-reference/"), new() { WaitUntil = WaitUntilState.NetworkIdle });

        await Expect(page.GetByText("Authorization: Bearer <api key>").First).ToBeVisibleAsync();
        foreach (var hosted in new[] { "Ask AI", "Deploy", "Generate SDK", "Share" })
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = hosted, Exact = true })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = hosted, Exact = true })).ToHaveCountAsync(0);
        }

        Assert.True(elsewhere.Count == 0, $"The reference reached beyond the app: {string.Join(", ", elsewhere)}");
        var back = page.GetByTestId("back-to-dashboard");
        await Expect(back).ToBeVisibleAsync();
        await back.ClickAsync();
        await Expect(page.GetByTestId("event-log")).ToBeVisibleAsync();
    }
}
