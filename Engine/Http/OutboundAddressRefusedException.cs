namespace NotificationOps.Engine.Http;

/// <summary>An outbound call refused by <see cref="OutboundAddressGuard"/>: a permanent failure, retrying cannot help.</summary>
public sealed class OutboundAddressRefusedException(string message) : IOException(message)
{
    /// <summary>True when <paramref name="ex"/> or one of its inner exceptions is a refusal.</summary>
    public static bool IsIn(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is OutboundAddressRefusedException)
            {
                return true;
            }
        }

        return false;
    }
}
