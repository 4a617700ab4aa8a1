using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NotificationOps.Dashboard.Tests.Browser;

[Collection(RealAppCollection.Name)]
public sealed class ProvidersFlowTests
{
    [Fact]
    public async Task Operator_AddsSendGridInSettings_SendsATest_AndSeesItsRequestAndAnswerInTheHistory()
    {
        await using var sendgrid = await FakeProviderServer.StartAsync();
        sendgrid.Default = new FakeResponse(202, "", new Dictionary<string, string> { ["X-Message-Id"] = "sg-flow-1" });
        await using var app = await AppProcess.StartAsync();
        await using var session = await DashboardBrowser.LaunchAsync(app, 1400, 900);
        var page = session.Page;
        await session.SignInAtAsync("/settings");

        await page.Locator(".mud-tab", new() { HasTextString = "Providers" }).ClickAsync();
        await Expect(page.GetByTestId("providers")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=provider-row][data-provider=simulated-email] [data-testid=from-configuration]")).ToBeVisibleAsync();

        // Add SendGrid (the dialog's default type) pointing at the fake, ahead of the simulated provider.
        await page.GetByTestId("add-provider").ClickAsync();
        await Expect(page.GetByTestId("provider-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("provider-id").FillAsync("sendgrid-main");
        await page.GetByTestId("provider-priority").FillAsync("5");
        await page.GetByTestId("setting-ApiKey").FillAsync("SG.browser-secret");
        await page.GetByTestId("setting-From").FillAsync("Acme <noreply@acme.test>");
        await page.GetByTestId("setting-BaseUrl").FillAsync(sendgrid.BaseAddress.ToString());
        await page.GetByTestId("save-provider").ClickAsync();
        var row = page.Locator("[data-testid=provider-row][data-provider=sendgrid-main]");
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator("tr:has([data-provider=sendgrid-main]) [data-testid=webhook-url]")).ToContainTextAsync("/webhooks/sendgrid/sendgrid-main");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("settings-providers"), FullPage = true });

        // Send a test through it: the message page opens on the new message.
        await page.Locator("tr:has([data-provider=sendgrid-main]) [data-testid=send-test]").ClickAsync();
        await page.GetByTestId("test-address").FillAsync("jane@example.test");
        await page.GetByTestId("send-test-confirm").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/messages/"));
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("SENT", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("attempt-request")).ToContainTextAsync("POST", new() { Timeout = 10_000 });
        await Expect(page.GetByTestId("attempt-request")).ToContainTextAsync("/v3/mail/send");
        await Expect(page.GetByTestId("attempt-request")).ToContainTextAsync("Authorization: [redacted]");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("SG.browser-secret");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("provider-test-message"), FullPage = true });

        var call = Assert.Single(sendgrid.Requests);
        Assert.Equal("Bearer SG.browser-secret", call.Headers["Authorization"]);
        Assert.Contains("jane@example.test", call.Body);

        // And it is in the history (the Event Log) under that provider.
        await session.GotoAsync("/?provider=sendgrid-main");
        await Expect(page.Locator("[data-testid=recipient-cell]")).ToHaveTextAsync("jane@example.test");
    }
}
