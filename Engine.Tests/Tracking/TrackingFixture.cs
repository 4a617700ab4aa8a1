using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

/// <summary>Sending delivered, tracked email through the engine, and hitting it as the endpoints would.</summary>
internal static class TrackingFixture
{
    public const string Browser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";

    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
            ["Providers:sim-email:DeliveryDelayMs"] = "0",
            ["Providers:sim-sms:Type"] = "simulated",
            ["Providers:sim-sms:Channel"] = "sms",
            ["Providers:sim-sms:DeliveryDelayMs"] = "0",
            ["Tracking:BaseUrl"] = "https://track.example",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Sends one email with two links to the same page and one to another, and runs its send job.</summary>
    public static async Task<string> SendDeliveredEmailAsync(EngineHost engine, string recipient = "ada@example.com")
    {
        const string Body = "Read [the post](https://blog.example/p1), [again](https://blog.example/p1) or [the shop](https://shop.example/?a=1&b=2).";
        var id = (await engine.SendAsync(
            "{\"message\":{\"to\":{\"email\":\"" + recipient + "\"},\"content\":{\"title\":\"News\",\"body\":\"" + Body + "\"}}}")).Single();
        await engine.RunSendJobAsync(id);
        return id;
    }

    public static Task WriteHitAsync(
        EngineHost engine, string messageId, TrackingHitKind kind, string? linkId = null, string method = "GET", string? userAgent = Browser,
        bool machine = false, string? reason = null)
    {
        var verdict = machine ? HitVerdict.MachineBecause(reason ?? "test") : MachineHitClassifier.Classify(method, userAgent, null);
        return engine.Services.GetRequiredService<TrackingHitWriter>().WriteAsync(new TrackingHit
        {
            MessageId = messageId,
            Kind = kind,
            LinkId = linkId,
            At = engine.Time.GetUtcNow(),
            Method = method,
            UserAgent = userAgent,
            Machine = verdict.Machine,
            MachineReason = verdict.Reason,
            Proxied = verdict.Proxied,
        });
    }

    public static async Task<List<TrackingHit>> HitsAsync(EngineHost engine, string messageId)
    {
        await using var db = engine.CreateContext();
        return await db.TrackingHits.AsNoTracking().Where(h => h.MessageId == messageId).OrderBy(h => h.Id).ToListAsync();
    }
}
