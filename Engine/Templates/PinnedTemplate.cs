namespace NotificationOps.Engine.Templates;

/// <summary>The template version a message is sent with.</summary>
public sealed record PinnedTemplate(string TemplateId, int Version, TemplateContent Content);
