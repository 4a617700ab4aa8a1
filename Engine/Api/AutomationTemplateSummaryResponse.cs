namespace NotificationOps.Engine.Api;

/// <summary>One template in Courier's list: <c>version</c> is "published" or "draft".</summary>
public sealed record AutomationTemplateSummaryResponse(string Id, string Name, string Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
