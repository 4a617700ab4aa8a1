namespace NotificationOps.Engine.Templates;

/// <summary>A template with the content of its latest version (the draft when there is one) and of its published one.</summary>
public sealed record TemplateDetails(Template Template, TemplateVersion Latest, TemplateContent Content, TemplateContent? Published);
