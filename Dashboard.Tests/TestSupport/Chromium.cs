using Microsoft.Playwright;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>Debian's Chromium driven by Playwright (Playwright's own browser download does not work here).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });

    /// <summary>Where tests leave screenshots for people to look at.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nops-screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
