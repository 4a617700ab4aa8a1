namespace NotificationOps.Engine.Templates;

/// <summary>How one field ("email.html") differs between two versions, line by line.</summary>
public sealed record TemplateFieldDiff(string Field, IReadOnlyList<TemplateDiffLine> Lines);
