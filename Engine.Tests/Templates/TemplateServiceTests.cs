using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.Sending;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Tests.Templates;

public sealed class TemplateServiceTests
{
    private const string Author = "ada@example.com";

    private static TemplateInput Welcome(string html = "<p>Hello {{name}}</p>") => new()
    {
        Alias = "welcome",
        Name = "Welcome",
        Tags = ["Onboarding"],
        Content = new TemplateContent { Email = new EmailContent { Subject = "Hi {{name}}", Html = html } },
    };

    private static TemplateInput Html(string html) => new() { Content = Welcome(html).Content };

    private const string SendWelcome = """{"message":{"to":{"email":"ada@example.com"},"template":"welcome","data":{"name":"Ada"}}}""";

    private static async Task<(EngineHost Engine, TemplateService Templates)> StartAsync()
    {
        var settings = SendJobTests.Simulated(deliveryDelayMs: 0);
        foreach (var (key, value) in SendJobTests.Simulated("sms", 0))
        {
            settings[key] = value;
        }

        var engine = await EngineHost.CreateAsync(settings);
        return (engine, engine.Services.GetRequiredService<TemplateService>());
    }

    private static string Html(Message message) => JsonDocument.Parse(message.OutputJson!).RootElement.GetProperty("html").GetString()!;

    [Fact]
    public async Task CreateAsync_StoresVersionOneAsDraft_AndAudits()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;

        var created = await templates.CreateAsync(Welcome(), Author);

        Assert.Equal("welcome", created.Template.Alias);
        Assert.Equal("onboarding", created.Template.Tags);
        Assert.Equal(1, created.Template.LatestVersion);
        Assert.Null(created.Template.PublishedVersion);
        Assert.True(created.Template.HasDraft);
        Assert.Equal(Author, created.Latest.Author);
        await using var db = engine.CreateContext();
        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal(("template.created", Author, created.Template.Id), (entry.Action, entry.Actor, entry.SubjectId));
        Assert.Contains("content for email", entry.Detail);
    }

    [Fact]
    public async Task CreateAsync_TakenAlias_Is409_AndStoresNothing()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => templates.CreateAsync(Welcome(), Author));

        Assert.Equal((ValidationErrorKind.Conflict, "alias"), (error.Kind, error.Field));
        await using var db = engine.CreateContext();
        Assert.Equal(1, await db.Templates.CountAsync());
    }

    [Fact]
    public async Task PublishAsync_MakesLatestLive_ThenAnEditIsADraft()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);

        var published = await templates.PublishAsync("welcome", "bob@example.com");
        var edited = await templates.UpdateAsync("welcome", Html("<p>Howdy {{name}}</p>"), Author);

        Assert.Equal(1, published!.Template.PublishedVersion);
        Assert.False(published.Template.HasDraft);
        Assert.Equal("bob@example.com", (await templates.VersionsAsync("welcome"))!.Single(v => v.Number == 1).PublishedBy);
        Assert.Equal((2, 1), (edited!.Template.LatestVersion, edited.Template.PublishedVersion));
        Assert.Contains("Howdy", edited.Content.Email!.Html);
        Assert.Contains("Hello", edited.Published!.Email!.Html);
    }

    [Fact]
    public async Task UpdateAsync_SameContent_AddsNoVersion()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);

        var same = await templates.UpdateAsync("welcome", Html("<p>Hello {{name}}</p>"), Author);

        Assert.Equal(1, same!.Template.LatestVersion);
    }

    [Fact]
    public async Task PublishAsync_SyntaxError_RefusesWithPosition_AndPublishesNothing()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome("<p>ok</p>\n<p>{{#if vip}}VIP</p>"), Author);

        var error = await Assert.ThrowsAsync<TemplateRenderException>(() => templates.PublishAsync("welcome", Author));

        Assert.Equal(("email.html", 2, 4), (error.Field, error.Line, error.Column));
        Assert.Null((await templates.GetAsync("welcome"))!.Template.PublishedVersion);
    }

    [Fact]
    public async Task Send_UsesThePublishedVersion_NotTheDraft()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);
        await templates.PublishAsync("welcome", Author);
        await templates.UpdateAsync("welcome", Html("<p>DRAFT {{name}}</p>"), Author);

        var id = (await engine.SendAsync(SendWelcome)).Single();
        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal(1, message.TemplateVersion);
        Assert.Contains("<p>Hello Ada</p>", Html(message));
        Assert.DoesNotContain("DRAFT", Html(message));
    }

    [Fact]
    public async Task Send_KeepsItsPinnedVersion_WhenAnotherIsPublishedBeforeItsAttempt()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);
        await templates.PublishAsync("welcome", Author);
        var id = (await engine.SendAsync(SendWelcome)).Single();

        await templates.UpdateAsync("welcome", Html("<p>Version two {{name}}</p>"), Author);
        await templates.PublishAsync("welcome", Author);
        await engine.RunSendJobAsync(id);
        var later = (await engine.SendAsync(SendWelcome)).Single();
        await engine.RunSendJobAsync(later);

        Assert.Contains("<p>Hello Ada</p>", Html(await engine.MessageAsync(id)));
        Assert.Equal(2, (await engine.MessageAsync(later)).TemplateVersion);
        Assert.Contains("<p>Version two Ada</p>", Html(await engine.MessageAsync(later)));
    }

    [Fact]
    public async Task Send_NeverPublished_IsUndeliverableUnpublished()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);

        var id = (await engine.SendAsync(SendWelcome)).Single();
        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal((MessageStatus.Undeliverable, MessageReason.Unpublished), (message.Status, message.Reason));
        Assert.Null(message.TemplateVersion);
    }

    [Fact]
    public async Task Send_ContentFailingWithItsData_IsUndeliverableFailed_WithWhereAndWhy()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome("<p>{{formatNumber amount \"Q\"}}</p>"), Author);
        await templates.PublishAsync("welcome", Author);

        var id = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com"},"template":"welcome","data":{"amount":5}}}""")).Single();
        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal((MessageStatus.Undeliverable, MessageReason.Failed), (message.Status, message.Reason));
        Assert.Contains("email.html line 1, column 4", message.Error);
        Assert.Contains("not a number format", message.Error);
    }

    [Fact]
    public async Task Send_OnlyToChannelsWithoutContent_IsUnroutableNoChannels()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);
        await templates.PublishAsync("welcome", Author);

        var id = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com","phone_number":"+14155550100"},"template":"welcome","routing":{"method":"single","channels":["sms"]}}}""")).Single();
        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal((MessageStatus.Unroutable, MessageReason.NoChannels), (message.Status, message.Reason));
        Assert.Contains("it has email", message.Error);
    }

    [Fact]
    public async Task Send_SkipsChannelsWithoutContent_AndRoutesToOneWithContent()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);
        await templates.PublishAsync("welcome", Author);

        var id = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com","phone_number":"+14155550100"},"template":"welcome","data":{"name":"Ada"},"routing":{"method":"single","channels":["sms","email"]}}}""")).Single();
        await engine.RunSendJobAsync(id);

        var message = await engine.MessageAsync(id);
        Assert.Equal((MessageStatus.Delivered, "email"), (message.Status, message.Channel));
    }

    [Fact]
    public async Task Send_PassesPushDataAndInAppActionUrl_ToTheProvider_AndKeepsThemInTheOutput()
    {
        await using var push = await FakeProviderServer.StartAsync();
        await using var inbox = await FakeProviderServer.StartAsync();
        await using var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:hook-push:Type"] = "webhook",
            ["Providers:hook-push:Channel"] = "push",
            ["Providers:hook-push:Url"] = new Uri(push.BaseAddress, "send").ToString(),
            ["Providers:hook-inbox:Type"] = "webhook",
            ["Providers:hook-inbox:Channel"] = "inbox",
            ["Providers:hook-inbox:Url"] = new Uri(inbox.BaseAddress, "send").ToString(),
        });
        var templates = engine.Services.GetRequiredService<TemplateService>();
        await templates.CreateAsync(new TemplateInput
        {
            Alias = "order",
            Name = "Order",
            Content = new TemplateContent
            {
                Push = new PushContent { Title = "Order {{order}}", Body = "Shipped", Data = new System.Text.Json.Nodes.JsonObject { ["order"] = "{{order}}" } },
                Inbox = new InboxContent { Title = "Order {{order}}", Body = "Shipped", ActionUrl = "https://shop.example/orders/{{order}}" },
            },
        }, Author);
        await templates.PublishAsync("order", Author);

        var ids = await engine.SendAsync("""{"message":{"to":{"user_id":"u1","firebaseToken":"device-1"},"template":"order","data":{"order":"A-7"},"routing":{"method":"all","channels":["push","inbox"]}}}""");
        foreach (var id in ids)
        {
            await engine.RunSendJobAsync(id);
        }

        var sentPush = JsonDocument.Parse(Assert.Single(push.Requests).Body).RootElement;
        var sentInbox = JsonDocument.Parse(Assert.Single(inbox.Requests).Body).RootElement;
        Assert.Equal("A-7", sentPush.GetProperty("data").GetProperty("order").GetString());
        Assert.Equal("https://shop.example/orders/A-7", sentInbox.GetProperty("action_url").GetString());
        var outputs = new List<RenderedContent?>();
        foreach (var id in ids)
        {
            var message = await engine.MessageAsync(id);
            outputs.Add(RenderedContent.FromJson(message.OutputJson, message.Channel));
        }

        Assert.Contains(outputs, o => o?.Channel == "push" && o.Data?["order"]?.GetValue<string>() == "A-7");
        Assert.Contains(outputs, o => o?.Channel == "inbox" && o.ActionUrl == "https://shop.example/orders/A-7");
    }

    [Fact]
    public async Task RestoreAsync_CopiesAnOldVersionAsTheDraft_AndDiffShowsTheChange()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);
        await templates.PublishAsync("welcome", Author);
        await templates.UpdateAsync("welcome", Html("<p>Hello {{name}}</p>\n<p>New line</p>"), Author);
        await templates.PublishAsync("welcome", Author);

        var restored = await templates.RestoreAsync("welcome", 1, "carol@example.com");

        Assert.Equal((3, 2), (restored!.Template.LatestVersion, restored.Template.PublishedVersion));
        Assert.Equal("<p>Hello {{name}}</p>", restored.Content.Email!.Html);
        var versions = (await templates.VersionsAsync("welcome"))!;
        Assert.Equal([3, 2, 1], versions.Select(v => v.Number));
        Assert.Equal(("carol@example.com", "restored from version 1"), (versions[0].Author, versions[0].Note));
        var diff = Assert.Single(TemplateDiff.Compare(TemplateContent.FromJson(versions[1].ContentJson), restored.Content));
        Assert.Equal("email.html", diff.Field);
        Assert.Contains(new TemplateDiffLine('-', "<p>New line</p>"), diff.Lines);
        Assert.Contains(new TemplateDiffLine(' ', "<p>Hello {{name}}</p>"), diff.Lines);
        await using var db = engine.CreateContext();
        Assert.Equal(["template.created", "template.published", "template.edited", "template.published", "template.restored"],
            await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task DeleteAsync_FreesTheAlias_AndSendsByItAreUnpublished()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);
        await templates.PublishAsync("welcome", Author);

        Assert.True(await templates.DeleteAsync("welcome", Author));
        var id = (await engine.SendAsync(SendWelcome)).Single();
        await engine.RunSendJobAsync(id);

        Assert.Null(await templates.GetAsync("welcome"));
        Assert.Equal(MessageReason.Unpublished, (await engine.MessageAsync(id)).Reason);
        Assert.Equal("welcome", (await templates.CreateAsync(Welcome(), Author)).Template.Alias);
    }

    [Fact]
    public async Task ListAsync_SearchesNameAndAlias_AndFiltersByTag()
    {
        var (engine, templates) = await StartAsync();
        await using var _ = engine;
        await templates.CreateAsync(Welcome(), Author);
        await templates.CreateAsync(new TemplateInput { Alias = "reset-password", Name = "Password reset", Tags = ["security"] }, Author);

        Assert.Equal(["reset-password"], (await templates.ListAsync("password", null)).Select(t => t.Alias));
        Assert.Equal(["welcome"], (await templates.ListAsync(null, "onboarding")).Select(t => t.Alias));
        Assert.Equal(["reset-password", "welcome"], (await templates.ListAsync(null, null)).Select(t => t.Alias));
        Assert.Equal(["onboarding", "security"], await templates.TagsAsync());
    }
}
