namespace NotificationOps.Engine.Retention;

/// <summary>What Settings → Storage shows: the database's size on disk, the oldest message, the retention in force.</summary>
public sealed record StorageSummary(long? DatabaseBytes, DateTimeOffset? OldestMessageAt, long Messages, int RetentionDays);
