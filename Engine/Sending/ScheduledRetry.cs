namespace NotificationOps.Engine.Sending;

/// <summary>A message whose attempt failed transiently: its next attempt is recorded for <see cref="At"/>.</summary>
public sealed record ScheduledRetry(string MessageId, DateTimeOffset At, string Error);
