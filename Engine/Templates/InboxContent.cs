namespace NotificationOps.Engine.Templates;

/// <summary>In-app (inbox) content: title, body and where a click takes the user.</summary>
public sealed record InboxContent
{
    public string? Title { get; init; }

    public string? Body { get; init; }

    public string? ActionUrl { get; init; }

    internal bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Body);
}
