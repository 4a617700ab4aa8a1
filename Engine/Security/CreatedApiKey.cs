namespace NotificationOps.Engine.Security;

/// <summary>A newly created key together with its secret, which is never retrievable again.</summary>
public sealed record CreatedApiKey(ApiKeySummary Key, string Secret);
