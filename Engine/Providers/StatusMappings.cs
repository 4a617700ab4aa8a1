using NotificationOps.Engine.Providers.Fcm;
using NotificationOps.Engine.Providers.Mailgun;
using NotificationOps.Engine.Providers.Postmark;
using NotificationOps.Engine.Providers.SendGrid;
using NotificationOps.Engine.Providers.Ses;
using NotificationOps.Engine.Providers.Slack;
using NotificationOps.Engine.Providers.Teams;
using NotificationOps.Engine.Providers.Twilio;

namespace NotificationOps.Engine.Providers;

/// <summary>Every provider's mapping table, for the dashboard's Settings → Providers.</summary>
public static class StatusMappings
{
    public static readonly IReadOnlyList<StatusMappingTable> All =
    [
        SendGridStatusMapping.Table, PostmarkStatusMapping.Table, MailgunStatusMapping.Table, SesStatusMapping.Table,
        TwilioStatusMapping.Table, SlackStatusMapping.Table, TeamsStatusMapping.Table, FcmStatusMapping.Table,
    ];

    public static StatusMappingTable? For(string providerType) =>
        All.FirstOrDefault(t => string.Equals(t.ProviderType, providerType, StringComparison.OrdinalIgnoreCase));
}
