using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// Messages in the states the message pages act on, sent through the real Engine: a delivered email, an ENQUEUED
/// email, and an UNDELIVERABLE SMS (the simulated SMS provider refuses every attempt).
/// </summary>
public static class PageMessages
{
    /// <summary>A simulated email provider that delivers at once and a simulated SMS provider that always fails.</summary>
    public static Dictionary<string, string?> Providers() => new()
    {
        ["Providers:sim-email:Type"] = "simulated",
        ["Providers:sim-email:Channel"] = "email",
        ["Providers:sim-email:DeliveryDelayMs"] = "0",
        // Every SMS attempt is refused as a rejected recipient would be: an UNDELIVERABLE message on demand.
        ["Providers:sim-sms:Type"] = "simulated",
        ["Providers:sim-sms:Channel"] = "sms",
        ["Providers:sim-sms:PermanentFailureRate"] = "1",
    };

    public static async Task<string> DeliveredEmailAsync(EngineHost engine, string body)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            message = new { to = new { email = "ada@example.com" }, content = new { title = "Greetings", body } },
        });
        var id = (await engine.SendAsync(json)).Single();
        await engine.RunSendJobAsync(id);
        Assert.Equal(MessageStatus.Delivered, (await engine.MessageAsync(id)).Status);
        return id;
    }

    public static async Task<string> EnqueuedEmailAsync(EngineHost engine) =>
        (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com"},"content":{"body":"hi"}}}""")).Single();

    public static async Task<string> UndeliverableSmsAsync(EngineHost engine)
    {
        var id = (await engine.SendAsync("""{"message":{"to":{"phone_number":"+14155550123"},"content":{"body":"code 1234"},"routing":{"method":"single","channels":["sms"]}}}""")).Single();
        await engine.RunSendJobAsync(id);
        Assert.Equal(MessageStatus.Undeliverable, (await engine.MessageAsync(id)).Status);
        return id;
    }
}
