using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Engine.Providers.Webhooks;
using NotificationOps.Engine.Tests.Providers.Postmark;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Integrations;

public sealed class ProviderIntegrationServiceTests
{
    private static readonly Dictionary<string, string?> Configured = new()
    {
        ["Providers:sim-email:Type"] = "simulated",
        ["Providers:sim-email:Channel"] = "email",
        ["Providers:sim-email:Priority"] = "10",
        ["Providers:sim-email:DeliveryDelayMs"] = "0",
    };

    [Fact]
    public async Task SaveAsync_AddsProvider_WithSecretsEncrypted_AndRoutesToItAtOnce()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, """{"To":"jane@example.test","MessageID":"pm-1","ErrorCode":0,"Message":"OK"}""");
        await using var engine = await EngineHost.CreateAsync(Configured);
        var service = engine.Services.GetRequiredService<ProviderIntegrationService>();

        var result = await service.SaveAsync(Postmark(fake.BaseAddress, priority: 1), existingId: null);

        Assert.True(result.Ok, result.Error);
        await using (var db = engine.CreateContext())
        {
            var row = await db.ProviderIntegrations.SingleAsync();
            Assert.DoesNotContain(ProviderTestSettings.PostmarkToken, row.ProtectedSettings);
            Assert.DoesNotContain("s3cret", row.ProtectedSettings);
        }

        var registry = engine.Services.GetRequiredService<ProviderRegistry>();
        Assert.Equal(["pm", "sim-email"], registry.ForChannel("email").Select(p => p.Id));
        var id = (await engine.SendAsync(ProviderTestSettings.SendBody("postmark"))).Single();
        await engine.RunSendJobAsync(id);
        Assert.Equal(("pm", MessageStatus.Sent), ((await engine.MessageAsync(id)).Provider, (await engine.MessageAsync(id)).Status));
        Assert.Equal(ProviderTestSettings.PostmarkToken, Assert.Single(fake.Requests).Headers["X-Postmark-Server-Token"]);
    }

    [Fact]
    public async Task SaveAsync_RefusesInvalidSettings_NamingTheKey_AndStoresNothing()
    {
        await using var engine = await EngineHost.CreateAsync(Configured);
        var service = engine.Services.GetRequiredService<ProviderIntegrationService>();
        var input = Postmark(new Uri("http://127.0.0.1:9/"));
        input.Settings.Remove("ServerToken");

        var result = await service.SaveAsync(input, existingId: null);

        Assert.False(result.Ok);
        Assert.Contains("ServerToken is required", result.Error);
        await using var db = engine.CreateContext();
        Assert.Equal(0, await db.ProviderIntegrations.CountAsync());
    }

    [Fact]
    public async Task SaveAsync_RefusesAnIdUsedByConfiguration()
    {
        await using var engine = await EngineHost.CreateAsync(Configured);
        var input = Postmark(new Uri("http://127.0.0.1:9/"));
        input.Id = "sim-email";

        var result = await engine.Services.GetRequiredService<ProviderIntegrationService>().SaveAsync(input, existingId: null);

        Assert.False(result.Ok);
        Assert.Contains("already used", result.Error);
    }

    [Fact]
    public async Task SaveAsync_KeepsStoredSecret_WhenEditLeavesItEmpty()
    {
        await using var engine = await EngineHost.CreateAsync(Configured);
        var service = engine.Services.GetRequiredService<ProviderIntegrationService>();
        await service.SaveAsync(Postmark(new Uri("http://127.0.0.1:9/")), existingId: null);

        var edit = await service.GetForEditAsync("pm");
        Assert.NotNull(edit);
        Assert.Null(edit.Settings["ServerToken"]);
        Assert.Null(edit.Settings["WebhookPassword"]);
        Assert.Equal("hooks", edit.Settings["WebhookUsername"]);
        edit.Settings["From"] = "Other <other@acme.test>";
        var result = await service.SaveAsync(edit, "pm");

        Assert.True(result.Ok, result.Error);
        var settings = engine.Services.GetRequiredService<ProviderRegistry>().Integration("pm")!.Settings;
        Assert.Equal(ProviderTestSettings.PostmarkToken, settings["ServerToken"]);
        Assert.Equal("Other <other@acme.test>", settings["From"]);
    }

    [Fact]
    public async Task SetEnabledAsync_And_DeleteAsync_ChangeTheRegistryWithoutRestart()
    {
        await using var engine = await EngineHost.CreateAsync(Configured);
        var service = engine.Services.GetRequiredService<ProviderIntegrationService>();
        var registry = engine.Services.GetRequiredService<ProviderRegistry>();
        await service.SaveAsync(Postmark(new Uri("http://127.0.0.1:9/")), existingId: null);

        await service.SetEnabledAsync("pm", false);
        Assert.Null(registry.Find("pm"));
        Assert.Equal((ProviderSource.Database, false), (registry.Integration("pm")!.Source, registry.Integration("pm")!.Enabled));

        await service.SetEnabledAsync("pm", true);
        Assert.NotNull(registry.Find("pm"));

        Assert.True((await service.DeleteAsync("pm")).Ok);
        Assert.Null(registry.Integration("pm"));
        Assert.False((await service.DeleteAsync("sim-email")).Ok);
    }

    [Fact]
    public async Task MoveAsync_PassesTheConfiguredProvider_BothWays()
    {
        await using var engine = await EngineHost.CreateAsync(Configured);
        var service = engine.Services.GetRequiredService<ProviderIntegrationService>();
        var registry = engine.Services.GetRequiredService<ProviderRegistry>();
        await service.SaveAsync(Postmark(new Uri("http://127.0.0.1:9/"), priority: 50), existingId: null);
        Assert.Equal(["sim-email", "pm"], registry.ForChannel("email").Select(p => p.Id));

        await service.MoveAsync("pm", earlier: true);
        Assert.Equal(["pm", "sim-email"], registry.ForChannel("email").Select(p => p.Id));

        await service.MoveAsync("pm", earlier: false);
        Assert.Equal(["sim-email", "pm"], registry.ForChannel("email").Select(p => p.Id));
    }

    [Fact]
    public async Task StoredIntegration_VerifiesItsWebhook_WithTheStoredSecret()
    {
        await using var engine = await EngineHost.CreateAsync(Configured);
        await engine.Services.GetRequiredService<ProviderIntegrationService>().SaveAsync(Postmark(new Uri("http://127.0.0.1:9/")), existingId: null);
        var id = (await engine.SendAsync(ProviderTestSettings.SendBody("postmark"))).Single();
        await engine.RunSendJobAsync(id);
        var processor = engine.Services.GetRequiredService<ProviderWebhookProcessor>();

        var wrong = await processor.HandleAsync("postmark", "pm", Request(PostmarkWebhookTests.Bounce(id, "HardBounce"), PostmarkWebhookTests.Basic("hooks", "nope")), CancellationToken.None);
        var right = await processor.HandleAsync("postmark", "pm", Request(PostmarkWebhookTests.Bounce(id, "HardBounce"), PostmarkWebhookTests.Basic("hooks", "s3cret")), CancellationToken.None);

        Assert.Equal((401, 200), (wrong.StatusCode, right.StatusCode));
        Assert.Equal(MessageStatus.Undeliverable, (await engine.MessageAsync(id)).Status);
    }

    [Fact]
    public async Task LoadAsync_RebuildsStoredIntegrations_InANewProcess()
    {
        await using var engine = await EngineHost.CreateAsync(Configured);
        await engine.Services.GetRequiredService<ProviderIntegrationService>().SaveAsync(Postmark(new Uri("http://127.0.0.1:9/")), existingId: null);
        var registry = engine.Services.GetRequiredService<ProviderRegistry>();
        registry.Apply([]);
        Assert.Null(registry.Find("pm"));

        await engine.Services.GetRequiredService<ProviderIntegrationService>().LoadAsync();

        Assert.Equal("postmark", registry.Find("pm")!.Type);
    }

    [Fact]
    public async Task LoadAsync_KeepsTheProviderOfAnUnchangedIntegration_AndReplacesAnEditedOne()
    {
        await using var engine = await EngineHost.CreateAsync(Configured);
        var service = engine.Services.GetRequiredService<ProviderIntegrationService>();
        var registry = engine.Services.GetRequiredService<ProviderRegistry>();
        await service.SaveAsync(Postmark(new Uri("http://127.0.0.1:9/")), existingId: null);
        var first = registry.Find("pm");

        await service.LoadAsync();
        Assert.Same(first, registry.Find("pm"));

        var edit = (await service.GetForEditAsync("pm"))!;
        edit.Priority = 7;
        await service.SaveAsync(edit, "pm");
        Assert.NotSame(first, registry.Find("pm"));
        Assert.Equal(7, registry.Find("pm")!.Priority);
    }

    private static WebhookRequest Request(string body, Dictionary<string, string> headers) =>
        new(body, headers, "application/json") { PublicUrl = new Uri("https://x.test/webhooks/postmark/pm") };

    internal static IntegrationInput Postmark(Uri baseUrl, int priority = 100) => new()
    {
        Id = "pm",
        Type = "postmark",
        Channel = "email",
        Priority = priority,
        Settings = new Dictionary<string, string?>
        {
            ["ServerToken"] = ProviderTestSettings.PostmarkToken,
            ["From"] = "Acme <noreply@acme.test>",
            ["WebhookUsername"] = "hooks",
            ["WebhookPassword"] = "s3cret",
            ["BaseUrl"] = baseUrl.ToString(),
        },
    };
}
