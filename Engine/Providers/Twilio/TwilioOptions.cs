using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Twilio;

/// <summary>Twilio's keys under Providers:&lt;id&gt;.</summary>
public sealed class TwilioOptions : HttpProviderOptions
{
    public string AccountSid { get; set; } = string.Empty;

    /// <summary>Authenticates our calls and signs Twilio's status callbacks (X-Twilio-Signature).</summary>
    public string AuthToken { get; set; } = string.Empty;

    /// <summary>The sending number (E.164) — or leave empty and name a MessagingServiceSid.</summary>
    public string? From { get; set; }

    public string? MessagingServiceSid { get; set; }

    protected override string DefaultBaseUrl => "https://api.twilio.com";

    protected override IEnumerable<string> ValidateOwn(string path)
    {
        foreach (var error in Required(path, (nameof(AccountSid), AccountSid), (nameof(AuthToken), AuthToken)))
        {
            yield return error;
        }

        if (string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(MessagingServiceSid))
        {
            yield return $"{path}:From or {path}:MessagingServiceSid is required.";
        }
    }
}
