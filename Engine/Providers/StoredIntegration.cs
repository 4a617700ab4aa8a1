namespace NotificationOps.Engine.Providers;

/// <summary>An integration kept in the database, its secrets already decrypted, as the registry builds it.</summary>
public sealed record StoredIntegration(string Id, string Type, string Channel, int Priority, bool Enabled, IReadOnlyDictionary<string, string?> Settings);
