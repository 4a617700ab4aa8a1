using NotificationOps.Engine.Messages;

namespace NotificationOps.Dashboard.Components.Shared;

/// <summary>One sentence per reason, for a chip's tooltip when the message carries no error text of its own.</summary>
public static class ReasonText
{
    public static string Describe(MessageReason reason) => reason switch
    {
        MessageReason.Bounced => "The recipient's server bounced the message.",
        MessageReason.Failed => "The message failed (a timeout or an error outside the provider).",
        MessageReason.Filtered => "A filter dropped the message.",
        MessageReason.NoChannels => "No channel could reach this recipient (no address for any channel asked for).",
        MessageReason.NoProviders => "No provider could take the message on its channel.",
        MessageReason.OptInRequired => "The recipient has not opted in to this topic.",
        MessageReason.ProviderError => "The provider refused or failed the message.",
        MessageReason.Unpublished => "The template has no published version.",
        MessageReason.Unsubscribed => "The recipient unsubscribed.",
        _ => reason.ToWire(),
    };
}
