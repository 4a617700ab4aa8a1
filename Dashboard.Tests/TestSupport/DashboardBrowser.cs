using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// Chromium on the real app. Every way this opens a dashboard page (sign-in, go to, reload) returns only once the
/// page's Blazor circuit is connected (the layout's <c>data-circuit="connected"</c> marker), so a test's first click
/// or keystroke is never given to a prerendered page that cannot hear it yet.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private const string ConnectedCircuit = "[data-circuit=connected]";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly AppProcess app;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page, AppProcess app)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.app = app;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<DashboardBrowser> LaunchAsync(AppProcess app, int width, int height)
    {
        // Each expectation is a round trip through the circuit; on a loaded 2-core machine one can take longer than
        // Playwright's default 5 s. A deadline, not a wait: an expectation returns as soon as it holds.
        SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        return new DashboardBrowser(playwright, browser, page, app);
    }

    public string Url(string path) => new Uri(app.BaseAddress, path).ToString();

    /// <summary>Opens <paramref name="path"/> anonymously (the sign-in page comes), signs in and lands back on it, connected.</summary>
    public async Task SignInAtAsync(string path)
    {
        await Page.GotoAsync(Url(path));
        await SignInAsync();
    }

    /// <summary>Signs in on the sign-in page showing now; returns once the page it leads to is connected.</summary>
    public async Task SignInAsync()
    {
        await Page.FillAsync("#email", DashboardFactory.AdminEmail);
        await Page.FillAsync("#password", DashboardFactory.AdminPassword);
        await Page.ClickAsync("button[type=submit]");
        await CircuitConnectedAsync();
    }

    /// <summary>A full page load of a dashboard page (a new circuit), signed in.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(Url(path));
        await CircuitConnectedAsync();
    }

    /// <summary>
    /// Presses Esc in the open dialog that holds the element with this test id. MudBlazor listens for keys on the dialog's
    /// container and moves the focus into it after it has rendered (JS calls of its own): a key pressed before that lands
    /// outside and is lost, so this waits for the focus to be inside that container first.
    /// </summary>
    public async Task PressEscapeInDialogAsync(string testId)
    {
        const string focusInside =
            "id => { const c = document.querySelector(`[data-testid=\"${id}\"]`)?.closest('.mud-dialog-container');" +
            " return c != null && c.contains(document.activeElement); }";
        try
        {
            await Page.WaitForFunctionAsync(focusInside, testId);
        }
        catch (TimeoutException)
        {
            var active = await Page.EvaluateAsync<string>(
                "() => { const a = document.activeElement; return a ? a.outerHTML.slice(0, 300) : 'none'; }");
            throw new TimeoutException($"The focus never moved into the dialog of [data-testid={testId}]; it is on {active}");
        }

        await Page.Keyboard.PressAsync("Escape");
    }

    public async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await CircuitConnectedAsync();
    }

    /// <summary>
    /// Sets the content of the Monaco editor inside the element with this test id through Monaco's API, as a paste
    /// would: typed keystrokes race the editor's own handling (auto-closing, indentation) and the page's round trips.
    /// It waits for the field's <c>data-editor-ready</c> first: Monaco shows the editor before BlazorMonaco has hooked
    /// its change event, and an edit made in between never reaches the page.
    /// </summary>
    public async Task SetEditorTextAsync(string testId, string text)
    {
        var editor = Page.Locator($"[data-testid={testId}][data-editor-ready=true] .monaco-editor[role=code]");
        await Expect(editor).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Page.EvaluateAsync(
            """
            ([testId, text]) => {
                const editor = monaco.editor.getEditors()
                    .find(e => e.getContainerDomNode().closest(`[data-testid="${testId}"]`));
                if (!editor) throw new Error(`no Monaco editor in [data-testid="${testId}"]`);
                editor.setValue(text);
            }
            """,
            new[] { testId, text });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    // Generous: on a loaded machine the app may take a while to start a circuit, but it always does.
    private Task CircuitConnectedAsync() =>
        Expect(Page.Locator(ConnectedCircuit)).ToBeAttachedAsync(new() { Timeout = 60_000 });
}
