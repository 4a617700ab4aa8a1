namespace NotificationOps.Engine.Http;

/// <summary>
/// An outbound URL as messages that may reach a log show it: its origin only (<c>https://hooks.example.com/…</c>). The
/// path and query of a webhook URL are often its credential (Slack and Teams incoming webhooks, tokens in endpoints),
/// and secrets never reach the log (docs/security.md).
/// </summary>
public static class UrlDisplay
{
    public static string Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority) + (uri.PathAndQuery is "/" or "" ? string.Empty : "/…")
            : "(an invalid URL)";
}
