namespace NotificationOps.Engine.Templates;

/// <summary>Email content of a template: the text body is generated from the HTML when left empty.</summary>
public sealed record EmailContent
{
    public string? Subject { get; init; }

    public string? Html { get; init; }

    public string? Text { get; init; }

    internal bool IsEmpty => string.IsNullOrWhiteSpace(Subject) && string.IsNullOrWhiteSpace(Html) && string.IsNullOrWhiteSpace(Text);
}
