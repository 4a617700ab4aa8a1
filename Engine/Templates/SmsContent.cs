namespace NotificationOps.Engine.Templates;

public sealed record SmsContent
{
    public string? Text { get; init; }

    internal bool IsEmpty => string.IsNullOrWhiteSpace(Text);
}
