using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Routing;

/// <summary>Where a recipient can be reached on each channel, from the recipient as sent merged with its profile.</summary>
public static class ChannelAddresses
{
    public static string? For(string channel, JsonObject recipient) => channel switch
    {
        Channels.Email => Text(recipient, "email"),
        Channels.Sms => Text(recipient, "phone_number"),
        Channels.Push => Text(recipient, "firebaseToken") ?? Text(recipient, "push_token") ?? Text(recipient, "device_token"),
        Channels.Inbox => Text(recipient, "user_id"),
        Channels.Chat => Chat(recipient),
        _ => null,
    };

    private static string? Chat(JsonObject recipient)
    {
        if (recipient["slack"] is JsonObject slack)
        {
            return Text(slack, "channel") ?? Text(slack, "user_id") ?? Text(slack, "email") ?? Text(slack, "webhook_url");
        }

        if (recipient["ms_teams"] is JsonObject teams)
        {
            return Text(teams, "conversation_id") ?? Text(teams, "channel_id") ?? Text(teams, "webhook_url") ?? Text(teams, "user_id");
        }

        return Text(recipient, "chat");
    }

    /// <summary>A non-blank string field of a recipient or profile, else null.</summary>
    internal static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}
