namespace NotificationOps.Engine.Messages;

/// <summary>The wire names: ENQUEUED, NO_CHANNELS, ... (Courier's spelling).</summary>
public static class MessageStatusNames
{
    public static string ToWire(this MessageStatus status) => status.ToString().ToUpperInvariant();

    public static string ToWire(this MessageReason reason) => reason switch
    {
        MessageReason.NoChannels => "NO_CHANNELS",
        MessageReason.NoProviders => "NO_PROVIDERS",
        MessageReason.OptInRequired => "OPT_IN_REQUIRED",
        MessageReason.ProviderError => "PROVIDER_ERROR",
        _ => reason.ToString().ToUpperInvariant(),
    };

    public static bool TryParseStatus(string? value, out MessageStatus status) =>
        Enum.TryParse(value?.Trim(), ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(value, out _);

    public static bool TryParseReason(string? value, out MessageReason reason) =>
        Enum.TryParse(value?.Replace("_", string.Empty, StringComparison.Ordinal).Trim(), ignoreCase: true, out reason)
        && Enum.IsDefined(reason) && !int.TryParse(value, out _);
}
