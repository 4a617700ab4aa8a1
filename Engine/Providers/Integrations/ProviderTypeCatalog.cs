namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>The provider types that can be added in Settings → Providers, with their settings (secrets marked).</summary>
public static class ProviderTypeCatalog
{
    private static readonly ProviderField BaseUrl = new("BaseUrl", "API base URL", Hint: "Empty for the provider's public API.");

    public static readonly IReadOnlyList<ProviderTypeInfo> All =
    [
        new("sendgrid", "SendGrid", [Channels.Email],
            [new("ApiKey", "API key", true, true), new("From", "From", true, Hint: "Name <address> or an address"), new("WebhookVerificationKey", "Event Webhook verification key", Hint: "The public key SendGrid shows under Signed Event Webhook."), BaseUrl])
        {
            WebhookSecretHint = "Enable Signed Event Webhook in SendGrid and paste its verification key into this integration's Event Webhook verification key.",
        },
        new("postmark", "Postmark", [Channels.Email],
            [new("ServerToken", "Server token", true, true), new("From", "From", true), new("MessageStream", "Message stream", Hint: "outbound unless named"), new("WebhookUsername", "Webhook username"), new("WebhookPassword", "Webhook password", Secret: true), BaseUrl])
        {
            WebhookSecretHint = "In Postmark's webhook settings, set HTTP Basic auth to this integration's webhook username and password.",
        },
        new("mailgun", "Mailgun", [Channels.Email],
            [new("ApiKey", "API key", true, true), new("Domain", "Sending domain", true), new("Region", "Region", Hint: "US or EU"), new("From", "From", true), new("WebhookSigningKey", "Webhook signing key", Secret: true, Hint: "Mailgun → Sending → Webhooks → HTTP webhook signing key."), BaseUrl])
        {
            WebhookSecretHint = "Mailgun signs with its HTTP webhook signing key: paste that key into this integration's webhook signing key.",
        },
        new("ses", "Amazon SES (SMTP)", [Channels.Email],
            [new("Host", "SMTP host", true, Hint: "email-smtp.<region>.amazonaws.com"), new("Port", "Port", Hint: "587"), new("Username", "SMTP username"), new("Password", "SMTP password", Secret: true), new("From", "From", true), new("AllowedTopicArns", "Allowed SNS topic ARNs", Hint: "One per line.") { List = true, Multiline = true }])
        {
            WebhookSecretHint = "Subscribe this URL (HTTPS) to the SNS topic SES notifies; the subscription is confirmed automatically. Only the listed topic ARNs are accepted.",
        },
        new("twilio", "Twilio", [Channels.Sms],
            [new("AccountSid", "Account SID", true), new("AuthToken", "Auth token", true, true), new("From", "From number", Hint: "E.164, or leave empty and set a Messaging Service SID"), new("MessagingServiceSid", "Messaging Service SID"), BaseUrl])
        {
            WebhookSecretHint = "Nothing to paste: every message carries this URL as its StatusCallback, and Twilio signs callbacks with the auth token.",
        },
        new("slack", "Slack", [Channels.Chat],
            [new("BotToken", "Bot token", Secret: true, Hint: "xoxb-… with chat:write"), new("WebhookUrl", "Incoming webhook URL", Secret: true, Hint: "Instead of a bot token"), new("DefaultChannel", "Default Slack channel"), BaseUrl]),
        new("teams", "Microsoft Teams", [Channels.Chat],
            [new("WebhookUrl", "Incoming webhook or workflow URL", true, true)]),
        new("fcm", "Firebase Cloud Messaging", [Channels.Push],
            [new("ServiceAccountJson", "Service account key (JSON)", true, true) { Multiline = true }, new("TokenUrl", "Token URL", Hint: "Empty for the key file's token_uri"), BaseUrl]),
        new("smtp", "SMTP", [Channels.Email],
            [new("Host", "Host", true), new("Port", "Port", Hint: "587"), new("Security", "Security", Hint: "Auto, StartTls, SslOnConnect or None"), new("Username", "Username"), new("Password", "Password", Secret: true), new("From", "From", true)]),
        new("webhook", "Webhook (your endpoint)", Channels.All,
            [new("Url", "URL", true), new("Secret", "Signing secret", Secret: true)]),
        new("simulated", "Simulated", Channels.All,
            [new("DeliveryDelayMs", "Receipt delay (ms)"), new("TransientFailureRate", "Transient failure rate (0–1)"), new("PermanentFailureRate", "Permanent failure rate (0–1)")]),
    ];

    public static ProviderTypeInfo? Find(string type) =>
        All.FirstOrDefault(t => string.Equals(t.Type, type, StringComparison.OrdinalIgnoreCase));
}
