using MudBlazor;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Templates;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Templates;

/// <summary>The template editor over the real Engine services and a temp database; Monaco's JS is bUnit's loose interop.</summary>
public sealed class TemplateEditorPageTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;
    private TemplateService templates = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
        });
        templates = engine.Services.GetRequiredService<TemplateService>();
        foreach (var type in new[] { typeof(TemplateService), typeof(ContentRenderer), typeof(BrandService), typeof(TemplateTestSender), typeof(NotificationOps.Engine.Messages.MessageQueries) })
        {
            Services.AddSingleton(type, engine.Services.GetRequiredService(type));
        }

        SignInAs(DashboardRoles.Admin, "ada@example.com");
        // Monaco answers a decoration change with the ids of the new decorations.
        JSInterop.Setup<string[]>("blazorMonaco.editor.deltaDecorations", _ => true).SetResult(["decoration-1"]);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    private async Task<IRenderedComponent<TemplateEditorPage>> OpenAsync(string html = "<p>Hello {{name}}</p>")
    {
        var created = await templates.CreateAsync(new TemplateInput
        {
            Alias = "welcome",
            Name = "Welcome",
            Content = new TemplateContent { Email = new EmailContent { Subject = "Hi {{name}}", Html = html } },
        }, "test");
        var page = Render<TemplateEditorPage>(p => p.Add(x => x.Key, created.Template.Id));
        page.WaitForElement("[data-testid=preview-html]", TimeSpan.FromSeconds(10));
        return page;
    }

    private static Task TypeAsync(IRenderedComponent<TemplateEditorPage> page, string testId, string value)
    {
        var editor = page.FindComponents<TemplateCodeEditor>().Single(e => e.Instance.TestId == testId);
        return page.InvokeAsync(() => editor.Instance.ValueChanged.InvokeAsync(value));
    }

    [Fact]
    public async Task Editor_ShowsTheErrorAtItsLine_AndMarksThatLineInMonaco()
    {
        var page = await OpenAsync();
        await TypeAsync(page, "email-html", "<h1>Hello {{name}}</h1>\n<p>Plan: {{plan}}</p>\n<p>{{#if vip}}VIP</p>");

        var field = page.Find("[data-testid=email-html]");
        Assert.Equal("3", field.GetAttribute("data-error-line"));
        Assert.Contains("Line 3, column 4", page.Find("[data-testid=email-html-error]").TextContent);
        Assert.Contains("'if' was closed", page.Find("[data-testid=preview-error]").TextContent);
        var decoration = JSInterop.Invocations.Last(i => i.Identifier == "blazorMonaco.editor.deltaDecorations");
        var wanted = Assert.Single(JsonSerializer.SerializeToElement(decoration.Arguments[2]).EnumerateArray());
        var range = Property(wanted, "range");
        Assert.Equal((3, 3), (Property(range, "startLineNumber").GetInt32(), Property(range, "endLineNumber").GetInt32()));
        Assert.True(Property(Property(wanted, "options"), "isWholeLine").GetBoolean());
        Assert.Empty(page.FindAll("[data-testid=sms-text-error]"));
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    [Fact]
    public async Task Editor_ErrorGoes_WhenTheTextIsFixed()
    {
        var page = await OpenAsync();
        await TypeAsync(page, "email-html", "<p>{{#if vip}}VIP</p>");

        await TypeAsync(page, "email-html", "<p>{{#if vip}}VIP{{/if}}</p>");

        Assert.Null(page.Find("[data-testid=email-html]").GetAttribute("data-error-line"));
        Assert.Empty(page.FindAll("[data-testid=email-html-error]"));
        Assert.Empty(page.FindAll("[data-testid=preview-error]"));
    }

    [Fact]
    public async Task Preview_UpdatesAsYouType_InASandboxedIframe()
    {
        var page = await OpenAsync();
        Assert.Contains("Hello Ada", page.Find("iframe[data-testid=preview-html]").GetAttribute("srcdoc"));

        await TypeAsync(page, "email-html", "<p>Goodbye {{name}}, {{profile.email}}</p><script>alert(1)</script>");

        var frame = page.Find("iframe[data-testid=preview-html]");
        Assert.Equal(string.Empty, frame.GetAttribute("sandbox"));
        Assert.Contains("<p>Goodbye Ada, ada@example.com</p>", frame.GetAttribute("srcdoc"));
        Assert.DoesNotContain(page.FindAll("script"), s => s.TextContent.Contains("alert(1)"));
        Assert.NotNull(page.Find("[data-testid=unsaved]"));
    }

    [Fact]
    public async Task Preview_Sms_CountsSegments()
    {
        var page = await OpenAsync();
        await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.Trim() == "SMS").Click());

        await TypeAsync(page, "sms-text", new string('a', 161));
        Assert.Contains("161 characters · GSM-7 · 2 segments", page.Find("[data-testid=sms-segments]").TextContent);

        await TypeAsync(page, "sms-text", "Hi {{name}} 👋");
        Assert.Contains("UCS-2 · 1 segment", page.Find("[data-testid=sms-segments]").TextContent);
        Assert.Contains("Hi Ada 👋", page.Find("[data-testid=preview-sms]").TextContent);
    }

    [Fact]
    public async Task SampleData_ChangesThePreview()
    {
        var page = await OpenAsync();

        await TypeAsync(page, "sample-data", """{"data": {"name": "Grace"}}""");

        Assert.Equal("Hi Grace", page.Find("[data-testid=preview-subject]").TextContent);
        Assert.Contains("Hello Grace", page.Find("iframe[data-testid=preview-html]").GetAttribute("srcdoc"));
    }

    [Fact]
    public async Task Publish_SavesTheDraftAndPublishes_ThenTestSendGoesThroughThePipelineTaggedTest()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = await OpenAsync();
        await TypeAsync(page, "email-html", "<p>Published {{name}}</p>");

        var publishing = page.InvokeAsync(() => page.Find("[data-testid=publish]").Click());
        // The confirmation shows what goes live against the published version (none yet: everything is new).
        var summary = dialogs.WaitForElement("[data-testid=confirm-summary]");
        Assert.Contains("+ <p>Published {{name}}</p>", summary.TextContent);
        await dialogs.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await publishing;
        page.WaitForElement("[data-testid=published-chip]");
        page.Find("[data-testid=test-recipient] input, input[data-testid=test-recipient]").Input("qa@example.com");
        await page.InvokeAsync(() => page.Find("[data-testid=test-send]").Click());
        var link = page.WaitForElement("[data-testid=test-message-link]");

        var details = (await templates.GetAsync("welcome"))!;
        Assert.Equal((2, 2), (details.Template.LatestVersion, details.Template.PublishedVersion));
        var id = link.GetAttribute("href")!.Split('/')[^1];
        var message = await engine.MessageAsync(id);
        Assert.Equal(("qa@example.com", "test", 2), (message.Recipient, message.Tags, message.TemplateVersion));
        Assert.Equal(("welcome", details.Template.Id), (message.Template, message.TemplateId));
        Assert.Equal(MessageEventSources.Operator, (await engine.HistoryAsync(id))[0].Source);
    }

    [Fact]
    public async Task SubscriptionTopic_EditedAndSaved_IsTheDraftsTopic_AndShownWhenReopened()
    {
        var page = await OpenAsync();
        page.Find("[data-testid=edit-topic] input, input[data-testid=edit-topic]").Input("product-news");
        page.WaitForElement("[data-testid=unsaved]");

        await page.InvokeAsync(() => page.Find("[data-testid=save-draft]").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=unsaved]")));
        Assert.Equal("product-news", (await templates.GetAsync("welcome"))!.Content.SubscriptionTopicId);
        var reopened = Render<TemplateEditorPage>(p => p.Add(x => x.Key, "welcome"));
        var field = reopened.WaitForElement("[data-testid=edit-topic] input, input[data-testid=edit-topic]", TimeSpan.FromSeconds(10));
        Assert.Equal("product-news", field.GetAttribute("value"));
    }

    [Fact]
    public async Task SubscriptionTopic_Cleared_SavesNoTopic()
    {
        await templates.CreateAsync(new TemplateInput
        {
            Alias = "digest",
            Name = "Digest",
            Content = new TemplateContent { Email = new EmailContent { Subject = "Digest", Html = "<p>News</p>" }, SubscriptionTopicId = "digest-topic" },
        }, "test");
        var page = Render<TemplateEditorPage>(p => p.Add(x => x.Key, "digest"));
        var field = page.WaitForElement("[data-testid=edit-topic] input, input[data-testid=edit-topic]", TimeSpan.FromSeconds(10));
        Assert.Equal("digest-topic", field.GetAttribute("value"));

        field.Input("");
        await page.InvokeAsync(() => page.Find("[data-testid=save-draft]").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=unsaved]")));
        Assert.Null((await templates.GetAsync("digest"))!.Content.SubscriptionTopicId);
    }

    [Fact]
    public async Task Versions_CompareTwo_ShowsTheDiff()
    {
        var page = await OpenAsync();
        await templates.UpdateAsync("welcome", new TemplateInput { Content = new TemplateContent { Email = new EmailContent { Subject = "Hi {{name}}", Html = "<p>Changed</p>" } } }, "bob");
        page.Render(p => p.Add(x => x.Key, "welcome"));
        page.WaitForState(() => page.FindAll("[data-testid=version-number]").Count == 2);

        for (var i = 0; i < 2; i++)
        {
            var index = i; // the list re-renders after each tick: find the box again
            await page.InvokeAsync(() => page.FindAll("[data-testid=compare-version] input, input[data-testid=compare-version]")[index].Change(true));
        }

        Assert.Equal("Changes from v1 to v2", page.Find("[data-testid=diff-title]").TextContent);
        var diff = page.Find("[data-testid=diff-field]").TextContent;
        Assert.Contains("- <p>Hello {{name}}</p>", diff);
        Assert.Contains("+ <p>Changed</p>", diff);
        Assert.Equal(["bob", "test"], page.FindAll("[data-testid=version-author]").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task VersionsPanel_OffersRestoreOnOlderVersionsOnly_AndNamesEveryState()
    {
        var created = await templates.CreateAsync(new TemplateInput
        {
            Alias = "welcome",
            Name = "Welcome",
            Content = new TemplateContent { Email = new EmailContent { Subject = "Hi", Html = "<p>v1</p>" } },
        }, "test");
        await templates.PublishAsync("welcome", "test");
        await templates.UpdateAsync("welcome", new TemplateInput { Content = new TemplateContent { Email = new EmailContent { Subject = "Hi", Html = "<p>v2</p>" } } }, "test");
        await templates.UpdateAsync("welcome", new TemplateInput { Content = new TemplateContent { Email = new EmailContent { Subject = "Hi", Html = "<p>v3</p>" } } }, "test");

        var panel = Render<TemplateVersionsPanel>(p => p
            .Add(x => x.TemplateId, created.Template.Id)
            .Add(x => x.PublishedVersion, 1));
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=version-number]").Count), TimeSpan.FromSeconds(10));

        var rows = panel.FindAll("[data-testid=versions] tbody tr");
        Assert.Equal(["v3", "v2", "v1"], rows.Select(r => r.QuerySelector("[data-testid=version-number]")!.TextContent.Trim()));
        Assert.Contains("draft", rows[0].TextContent);
        Assert.Contains("superseded", rows[1].TextContent);
        Assert.Contains("published", rows[2].TextContent);
        Assert.Equal([false, true, true], rows.Select(r => r.QuerySelector("[data-testid=restore-version]") is not null));
    }

    [Fact]
    public async Task Editor_OpensWithSampleDataForTheTemplatesVariables_SoThePreviewShowsEveryPlaceholder()
    {
        var page = await OpenAsync("<p>Hello {{name}}, order {{order}} ships {{shipping.date}}</p>");

        var srcdoc = page.Find("iframe[data-testid=preview-html]").GetAttribute("srcdoc")!;
        Assert.Contains("Hello Ada, order [order] ships [shipping.date]", srcdoc);
    }
}
