namespace NotificationOps.Engine.Templates;

/// <summary>Chat content: plain text or Markdown, as Slack and Teams take it.</summary>
public sealed record ChatContent
{
    public string? Text { get; init; }

    internal bool IsEmpty => string.IsNullOrWhiteSpace(Text);
}
