namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>What one HTTP attempt gave: a status code and body, or an error (connection, timeout, SSRF refusal).</summary>
public sealed record WebhookAttemptResult(DateTimeOffset At, int DurationMs, int? StatusCode, string? ResponseBody, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public bool Gone => StatusCode == 410;
}
