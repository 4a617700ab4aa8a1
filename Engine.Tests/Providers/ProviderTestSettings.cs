using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Simulated;
using NotificationOps.Engine.Providers.Smtp;
using NotificationOps.Engine.Providers.Webhook;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers;

/// <summary>
/// Providers:&lt;id&gt; sections for every HTTP provider pointed at a loopback fake, with the secrets the tests
/// look for (and make sure never leak into a request summary), and the providers built from them.
/// </summary>
internal static class ProviderTestSettings
{
    public const string SendGridKey = "SG.secret-api-key";
    public const string PostmarkToken = "pm-secret-server-token";
    public const string MailgunKey = "key-secret-mailgun";
    public const string TwilioSid = "AC0123456789abcdef0123456789abcdef";
    public const string TwilioToken = "tw-secret-auth-token";
    public const string SlackToken = "xoxb-secret-bot-token";
    public const string SlackWebhookPath = "services/T000/B000/secretwebhookpath";
    public const string TeamsWebhookPath = "webhookb2/secret-teams-path";
    public const string FcmProject = "acme-push";
    public const string FcmAccessToken = "ya29.secret-access-token";

    /// <summary>Every HTTP provider kind the fault matrix runs over.</summary>
    public static readonly string[] Kinds = ["sendgrid", "postmark", "mailgun", "twilio", "slack", "slack-webhook", "teams", "fcm"];

    private static readonly Lazy<string> ServiceAccount = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = FcmProject,
            ["client_email"] = "push@acme-push.iam.gserviceaccount.com",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["token_uri"] = "https://oauth2.googleapis.com/token",
        }.ToJsonString();
    });

    public static string ChannelOf(string kind) => kind switch
    {
        "twilio" => "sms",
        "slack" or "slack-webhook" or "teams" => "chat",
        "fcm" => "push",
        _ => "email",
    };

    /// <summary>A send body to one recipient reachable on the kind's channel.</summary>
    public static string SendBody(string kind)
    {
        var to = ChannelOf(kind) switch
        {
            "sms" => """{"phone_number":"+15551234567"}""",
            "chat" => """{"slack":{"channel":"C0123"}}""",
            "push" => """{"user_id":"u-1","firebaseToken":"device-token-1"}""",
            _ => """{"email":"jane@example.test"}""",
        };
        return "{\"message\":{\"to\":" + to + ",\"content\":{\"title\":\"Hello\",\"body\":\"Your code is 42\"},\"routing\":{\"method\":\"single\",\"channels\":[\"" + ChannelOf(kind) + "\"]}}}";
    }

    public static Dictionary<string, string?> For(string kind, string id, Uri baseUrl, int priority = 1)
    {
        var p = $"Providers:{id}:";
        var values = new Dictionary<string, string?>
        {
            [p + "Type"] = kind == "slack-webhook" ? "slack" : kind,
            [p + "Channel"] = ChannelOf(kind),
            [p + "Priority"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [p + "BaseUrl"] = baseUrl.ToString(),
        };
        switch (kind)
        {
            case "sendgrid":
                values[p + "ApiKey"] = SendGridKey;
                values[p + "From"] = "Acme <noreply@acme.test>";
                break;
            case "postmark":
                values[p + "ServerToken"] = PostmarkToken;
                values[p + "From"] = "Acme <noreply@acme.test>";
                break;
            case "mailgun":
                values[p + "ApiKey"] = MailgunKey;
                values[p + "Domain"] = "mg.acme.test";
                values[p + "From"] = "Acme <noreply@mg.acme.test>";
                break;
            case "twilio":
                values[p + "AccountSid"] = TwilioSid;
                values[p + "AuthToken"] = TwilioToken;
                values[p + "From"] = "+15005550006";
                break;
            case "slack":
                values[p + "BotToken"] = SlackToken;
                break;
            case "slack-webhook":
                values[p + "WebhookUrl"] = new Uri(baseUrl, SlackWebhookPath).ToString();
                break;
            case "teams":
                values[p + "WebhookUrl"] = new Uri(baseUrl, TeamsWebhookPath).ToString();
                break;
            case "fcm":
                values[p + "ServiceAccountJson"] = ServiceAccount.Value;
                values[p + "TokenUrl"] = new Uri(baseUrl, "token").ToString();
                break;
        }

        return values;
    }

    /// <summary>A second, simulated provider on the same channel to fail over to.</summary>
    public static Dictionary<string, string?> WithFallback(Dictionary<string, string?> values, string kind)
    {
        values["Providers:fallback:Type"] = "simulated";
        values["Providers:fallback:Channel"] = ChannelOf(kind);
        values["Providers:fallback:Priority"] = "50";
        values["Providers:fallback:DeliveryDelayMs"] = "0";
        return values;
    }

    /// <summary>The fake's answer to FCM's token exchange; other paths fall through to the script.</summary>
    public static FakeResponse? TokenEndpoint(FakeRequest request) =>
        request.PathAndQuery.StartsWith("/token", StringComparison.Ordinal)
            ? new FakeResponse(200, $$"""{"access_token":"{{FcmAccessToken}}","expires_in":3599,"token_type":"Bearer"}""")
            : null;

    public static IDeliveryProvider Create(string kind, Uri baseUrl, string? publicUrl = null, Action<Dictionary<string, string?>>? configure = null)
    {
        var values = For(kind, "p1", baseUrl);
        configure?.Invoke(values);
        values["PublicUrl"] = publicUrl ?? "https://notify.acme.test";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton<SmtpProviderFactory>()
            .AddSingleton<IDeliveryProviderFactory, SimulatedProviderFactory>()
            .AddProviderIntegrations();
        services.AddHttpClient(WebhookProviderFactory.HttpClientName);
        var provider = services.BuildServiceProvider();
        return new ProviderRegistry(configuration, provider.GetServices<IDeliveryProviderFactory>()).Find("p1")!;
    }

    public static OutgoingMessage Message(string kind) => new()
    {
        MessageId = "msg-1",
        AttemptNumber = 1,
        Channel = ChannelOf(kind),
        To = ChannelOf(kind) switch
        {
            "sms" => "+15551234567",
            "chat" => "C0123",
            "push" => "device-token-1",
            _ => "jane@example.test",
        },
        Title = "Your sign-in code",
        Text = "Your code is 42",
        Html = ChannelOf(kind) == "email" ? "<p>Your code is <b>42</b></p>" : null,
        EmailMessageId = "<msg-1@notificationops>",
    };
}
