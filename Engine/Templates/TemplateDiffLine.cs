namespace NotificationOps.Engine.Templates;

/// <summary>One line of a diff: kept (' '), removed ('-') or added ('+').</summary>
public sealed record TemplateDiffLine(char Kind, string Text);
