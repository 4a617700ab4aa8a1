namespace NotificationOps.Engine.Providers.Ses;

/// <summary>
/// Amazon SES's keys under Providers:&lt;id&gt;, besides the SMTP keys (Host email-smtp.&lt;region&gt;.amazonaws.com,
/// Port 587, Username/Password = the SES SMTP credentials, From) that its SMTP interface needs.
/// </summary>
public sealed class SesOptions
{
    /// <summary>The SNS topics whose notifications we accept (bounces, complaints, deliveries); others are refused.</summary>
    public List<string> AllowedTopicArns { get; set; } = [];
}
