namespace NotificationOps.Engine.Templates;

/// <summary>What one channel gets: a title (email subject, push title), plain text, and HTML for email.</summary>
public sealed record RenderedContent(string Channel, string? Title, string Text, string? Html);
