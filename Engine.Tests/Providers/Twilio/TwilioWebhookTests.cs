using System.Security.Cryptography;
using System.Text;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.Providers.Webhooks;

namespace NotificationOps.Engine.Tests.Providers.Twilio;

/// <summary>Twilio signs the callback URL and its parameters with the AuthToken; there is no timestamp to go stale.</summary>
public sealed class TwilioWebhookTests
{
    private const string Sid = "SM1234567890abcdef1234567890abcdef";

    [Fact]
    public async Task Post_AppliesDelivered_WhenSignatureIsValid()
    {
        await using var host = await CreateAsync();

        var (body, headers) = Callback(ProviderTestSettings.TwilioToken, ("MessageStatus", "delivered"));
        var outcome = await host.PostAsync("twilio", body, headers, "application/x-www-form-urlencoded");

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(MessageStatus.Delivered, (await host.MessageAsync()).Status);
        Assert.Contains("\"MessageSid\":\"" + Sid + "\"", Assert.Single(await host.WebhookEventsAsync()).Payload);
    }

    [Fact]
    public async Task Post_Is401_WithWrongAuthToken()
    {
        await using var host = await CreateAsync();

        var (body, headers) = Callback("not-the-token", ("MessageStatus", "delivered"));
        var outcome = await host.PostAsync("twilio", body, headers, "application/x-www-form-urlencoded");

        Assert.Equal(401, outcome.StatusCode);
        Assert.Equal(0, await host.ReceiptCountAsync());
    }

    [Fact]
    public async Task Post_Is401_WhenParametersAreTampered()
    {
        await using var host = await CreateAsync();

        var (body, headers) = Callback(ProviderTestSettings.TwilioToken, ("MessageStatus", "delivered"));
        var outcome = await host.PostAsync("twilio", body.Replace("delivered", "undelivered"), headers, "application/x-www-form-urlencoded");

        Assert.Equal(401, outcome.StatusCode);
        Assert.Equal(MessageStatus.Sent, (await host.MessageAsync()).Status);
    }

    [Fact]
    public async Task Post_StoresOnce_WhenReplayed()
    {
        await using var host = await CreateAsync();
        var (body, headers) = Callback(ProviderTestSettings.TwilioToken, ("MessageStatus", "undelivered"), ("ErrorCode", "30003"));

        await host.PostAsync("twilio", body, headers, "application/x-www-form-urlencoded");
        var replay = await host.PostAsync("twilio", body, headers, "application/x-www-form-urlencoded");

        Assert.Equal((200, 1), (replay.StatusCode, replay.Duplicates));
        var message = await host.MessageAsync();
        Assert.Equal((MessageStatus.Undeliverable, MessageReason.Bounced), (message.Status, message.Reason));
        Assert.Contains("30003", message.Error);
        Assert.Single(await host.WebhookEventsAsync());
    }

    [Fact]
    public void Sign_MatchesTwiliosDocumentedExample()
    {
        // The worked example of Twilio's webhook security documentation (auth token 12345).
        var parameters = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+14158675310", ["Digits"] = "1234", ["From"] = "+14158675310", ["To"] = "+18005551212",
        };

        var signature = NotificationOps.Engine.Providers.Twilio.TwilioWebhook.Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", parameters);

        Assert.Equal("GvWf1cFY/Q7PnoempGyD5oXAezc=", signature);
    }

    private static async Task<WebhookTestHost> CreateAsync()
    {
        var host = await WebhookTestHost.CreateAsync("twilio", new Dictionary<string, string?>());
        await host.SetProviderMessageIdAsync(Sid);
        return host;
    }

    /// <summary>A status callback as Twilio posts it, signed the way Twilio documents (URL + sorted name/value pairs, HMAC-SHA1).</summary>
    internal static (string Body, Dictionary<string, string> Headers) Callback(string authToken, params (string Name, string Value)[] extra)
    {
        var fields = new List<(string Name, string Value)>
        {
            ("AccountSid", ProviderTestSettings.TwilioSid), ("ApiVersion", "2010-04-01"), ("From", "+15005550006"),
            ("MessageSid", Sid), ("SmsSid", Sid), ("SmsStatus", extra.First(e => e.Name == "MessageStatus").Value), ("To", "+15551234567"),
        };
        fields.AddRange(extra);
        var body = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));
        var data = WebhookTestHost.WebhookUrl("twilio") + string.Concat(fields.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Name + f.Value));
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data)));
        return (body, new Dictionary<string, string> { ["X-Twilio-Signature"] = signature });
    }
}
