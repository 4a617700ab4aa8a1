namespace NotificationOps.Engine.Lists;

/// <summary>How far a send request has come: its expansion (for sends to lists) and the messages it made.</summary>
public sealed record RequestProgress(string RequestId, FanOutStatus Status, int Members, int Messages, int Duplicates, string? Reason,
    DateTimeOffset? CreatedAt, DateTimeOffset? CompletedAt);
