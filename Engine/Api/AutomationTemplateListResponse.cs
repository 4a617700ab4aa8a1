namespace NotificationOps.Engine.Api;

/// <summary>Courier's <c>GET /automations</c>: a page of templates and the cursor of the next.</summary>
public sealed record AutomationTemplateListResponse(string? Cursor, IReadOnlyList<AutomationTemplateSummaryResponse> Templates);
