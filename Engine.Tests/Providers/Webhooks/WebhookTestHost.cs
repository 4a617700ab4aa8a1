using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Providers.Webhooks;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Webhooks;

/// <summary>
/// An engine with one integration of the provider under test (whose webhook is exercised) and a simulated
/// provider ahead of it that sends the message, so the message is SENT and waiting for a status report.
/// </summary>
internal sealed class WebhookTestHost : IAsyncDisposable
{
    public const string IntegrationId = "hooked";
    public static readonly Uri PublicBase = new("https://notify.acme.test/");

    private WebhookTestHost(EngineHost engine, string messageId)
    {
        Engine = engine;
        MessageId = messageId;
    }

    public EngineHost Engine { get; }

    public string MessageId { get; }

    public static Uri WebhookUrl(string type) => new(PublicBase, $"webhooks/{type}/{IntegrationId}");

    public static async Task<WebhookTestHost> CreateAsync(string kind, IDictionary<string, string?> webhookSettings, Action<IServiceCollection>? configureServices = null)
    {
        var settings = ProviderTestSettings.For(kind, IntegrationId, new Uri("http://127.0.0.1:9/"), priority: 200);
        foreach (var (key, value) in webhookSettings)
        {
            settings[$"Providers:{IntegrationId}:{key}"] = value;
        }

        settings["Providers:sim:Type"] = "simulated";
        settings["Providers:sim:Channel"] = ProviderTestSettings.ChannelOf(kind);
        settings["Providers:sim:Priority"] = "1";
        settings["Providers:sim:DeliveryDelayMs"] = "600000";
        settings["PublicUrl"] = PublicBase.ToString();
        var engine = await EngineHost.CreateAsync(settings, configureServices);
        var id = (await engine.SendAsync(ProviderTestSettings.SendBody(kind))).Single();
        await engine.RunSendJobAsync(id);
        return new WebhookTestHost(engine, id);
    }

    public Task<WebhookOutcome> PostAsync(string type, string body, IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/json") =>
        Engine.Services.GetRequiredService<ProviderWebhookProcessor>().HandleAsync(type, IntegrationId,
            new WebhookRequest(body, headers ?? new Dictionary<string, string>(), contentType) { PublicUrl = WebhookUrl(type) },
            CancellationToken.None);

    public async Task SetProviderMessageIdAsync(string providerMessageId)
    {
        await using var db = Engine.CreateContext();
        await db.Messages.Where(m => m.Id == MessageId).ExecuteUpdateAsync(set => set.SetProperty(m => m.ProviderMessageId, providerMessageId));
    }

    public Task<Message> MessageAsync() => Engine.MessageAsync(MessageId);

    public Task<IReadOnlyList<MessageEvent>> HistoryAsync() => Engine.HistoryAsync(MessageId);

    /// <summary>History entries a webhook wrote.</summary>
    public async Task<IReadOnlyList<MessageEvent>> WebhookEventsAsync() =>
        (await HistoryAsync()).Where(e => e.Source == MessageEventSources.Webhook).ToList();

    public async Task<int> ReceiptCountAsync()
    {
        await using var db = Engine.CreateContext();
        return await db.ProviderWebhookReceipts.CountAsync();
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
