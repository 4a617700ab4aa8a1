using Microsoft.Playwright;
using NotificationOps.Dashboard.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NotificationOps.Dashboard.Tests.Browser;

/// <summary>
/// Issue 17, items 3 and 6: no page scrolls sideways on a 390 px phone or at 1440 px, and every status and reason
/// chip reaches WCAG AA contrast, measured from the browser's computed styles.
/// </summary>
[Collection(RealAppCollection.Name)]
public sealed class LayoutFlowTests(SeededApp seeded) : IClassFixture<SeededApp>
{
    private const string AllStatuses = "/?range=all&status=ENQUEUED,DELAYED,SENT,DELIVERED,OPENED,CLICKED,UNDELIVERABLE,UNROUTABLE,CANCELED";

    // The elements sticking out to the right, to name in the failure message.
    private const string Overflowing =
        """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && e.getClientRects().length > 0)
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
            .slice(0, 5)
            .map(e => `${e.tagName.toLowerCase()}${e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : ''}.${[...e.classList].join('.')} "${(e.textContent || '').trim().slice(0, 40)}"`)
        """;

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 900)]
    public async Task EveryPage_DoesNotScrollSideways(int width, int height)
    {
        var samples = new Dictionary<string, string>
        {
            ["/messages/{Id}"] = $"/messages/{seeded.FailedMessageId}",
            ["/templates/{Key}"] = $"/templates/{SeededApp.TemplateAlias}",
            ["/automations/templates/{Id}"] = $"/automations/templates/{SeededApp.AutomationTemplateId}",
            ["/automations/runs/{RunId}"] = $"/automations/runs/{seeded.AutomationRunId}",
            ["/audiences/{Id}"] = $"/audiences/{SeededApp.AudienceId}",
            ["/lists/{Id}"] = $"/lists/{SeededApp.ListId}",
            ["/profiles/{UserId}"] = $"/profiles/{SeededApp.ProfileUserId}",
        };
        var pages = DashboardPages.All(samples, out var unsampled);
        Assert.True(unsampled.Count == 0, $"Give these routes a sample in the test: {string.Join(", ", unsampled)}");
        Assert.Contains("/", pages);
        Assert.Contains("/settings?tab=providers", pages);

        await using var session = await DashboardBrowser.LaunchAsync(seeded.App, width, height);
        var page = session.Page;
        await session.SignInAtAsync("/");
        var failures = new List<string>();
        foreach (var path in pages.Append(AllStatuses))
        {
            await OpenAsync(session, path);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            var (scrollWidth, clientWidth) = (widths[0], widths[1]);
            if (scrollWidth > clientWidth)
            {
                var screenshot = TestArtifacts.PathFor($"overflow-{width}-{path}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
                var culprits = await page.EvaluateAsync<string[]>(Overflowing);
                failures.Add($"{path}: scrollWidth {scrollWidth} > {clientWidth} ({string.Join("; ", culprits)}); screenshot {screenshot}");
            }
        }

        Assert.True(failures.Count == 0, $"Pages wider than {width} px:\n{string.Join("\n", failures)}");
        // Opening and leaving every page (each one prerendered, then live) threw nothing: Settings used to navigate
        // while its tabs were being disposed, an error logged at every visit.
        var lines = seeded.App.Output.Split('\n');
        var thrown = lines.Select((line, i) => (line, i))
            .Where(l => l.line.Contains("An unhandled exception was thrown by the application", StringComparison.Ordinal)
                || l.line.Contains("Unhandled exception in circuit", StringComparison.Ordinal))
            .Select(l => string.Join("\n", lines.Skip(l.i - 3).Take(12)))
            .ToList();
        Assert.True(thrown.Count == 0, $"Unhandled exceptions while opening the pages:\n{string.Join("\n---\n", thrown)}");
    }

    [Fact]
    public async Task StatusAndReasonChips_MeetWcagAaContrast()
    {
        await using var session = await DashboardBrowser.LaunchAsync(seeded.App, 1440, 900);
        var page = session.Page;
        await session.SignInAtAsync(AllStatuses);
        // Every status filter chip is selected (filled in its status colour), and the grid has chips and reasons.
        await Expect(page.Locator("[data-testid=grid] .status-chip").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=grid] .reason-chip").First).ToBeVisibleAsync();
        var chips = await ChipContrastsAsync(page);
        await OpenAsync(session, "/settings?tab=api-keys");
        chips = [.. chips, .. await ChipContrastsAsync(page)];

        Assert.True(chips.Length >= 12, $"only {chips.Length} chips measured");
        var poor = chips.Where(c => c.Ratio < 4.5).Select(c => $"\"{c.Text}\" {c.Ratio:0.00}:1 ({c.Colors})").ToList();
        if (poor.Count > 0)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("chip-contrast.png") });
        }

        Assert.True(poor.Count == 0, $"Chips under 4.5:1:\n{string.Join("\n", poor)}");
    }

    /// <summary>Opens a page and waits until it has loaded its data (no loading bar left), whatever kind of page it is.</summary>
    private static async Task OpenAsync(DashboardBrowser session, string path)
    {
        if (path.StartsWith("/api-reference", StringComparison.Ordinal))
        {
            await session.Page.GotoAsync(session.Url(path), new() { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(session.Page.GetByText("NotificationOps API").First).ToBeVisibleAsync();
            return;
        }

        // The public status page is rendered on the server without a circuit and has its own frame (no app bar, no
        // navigation): it is complete when the response is, and its container is the body's.
        if (path.StartsWith("/status/public", StringComparison.Ordinal))
        {
            await session.Page.GotoAsync(session.Url(path), new() { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(session.Page.Locator(".mud-container > *").First).ToBeVisibleAsync();
            return;
        }

        await session.GotoAsync(path);
        await Expect(session.Page.Locator(".mud-table-loading, .mud-progress-linear.mud-progress-indeterminate")).ToHaveCountAsync(0);
        await Expect(session.Page.Locator(".mud-main-content .mud-container > *").First).ToBeVisibleAsync();
    }

    private static async Task<ChipContrast[]> ChipContrastsAsync(IPage page) =>
        await page.EvaluateAsync<ChipContrast[]>(
            """
            () => {
              const parse = s => { const p = (s.match(/rgba?\(([^)]+)\)/) || [,''])[1].split(/[\s,\/]+/).filter(x => x).map(Number);
                                   return p.length < 3 ? null : { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
              const over = (top, base) => ({ r: top.r * top.a + base.r * (1 - top.a), g: top.g * top.a + base.g * (1 - top.a), b: top.b * top.a + base.b * (1 - top.a), a: 1 });
              const background = el => {
                const layers = [];
                for (let e = el; e; e = e.parentElement) {
                  const c = parse(getComputedStyle(e).backgroundColor);
                  if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
                }
                return layers.reverse().reduce((base, layer) => over(layer, base), { r: 255, g: 255, b: 255, a: 1 });
              };
              const luminance = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                                       return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
              const results = [];
              for (const chip of document.querySelectorAll('.mud-chip, .reason-chip')) {
                if (chip.getClientRects().length === 0) continue;
                // The chip's own text and every text inside it (the count beside a status, say).
                for (const el of [chip, ...chip.querySelectorAll('*')]) {
                  if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
                  const style = getComputedStyle(el);
                  let opacity = 1;
                  for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
                  const bg = background(el);
                  const fg = parse(style.color);
                  const text = over({ ...fg, a: fg.a * opacity }, bg);
                  const [hi, lo] = [luminance(text), luminance(bg)].sort((a, b) => b - a);
                  results.push({ text: el.textContent.trim().slice(0, 40), ratio: (hi + 0.05) / (lo + 0.05), colors: `${style.color} on ${JSON.stringify(bg)}` });
                }
              }
              return results;
            }
            """);

    public sealed class ChipContrast
    {
        public string Text { get; set; } = string.Empty;

        public double Ratio { get; set; }

        public string Colors { get; set; } = string.Empty;
    }
}
