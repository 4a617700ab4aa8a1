using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// What one channel gets: a title (email subject, push title), plain text, and HTML for email; from a template
/// also the in-app action URL and the push data payload.
/// </summary>
public sealed record RenderedContent(string Channel, string? Title, string Text, string? Html, string? ActionUrl = null, JsonObject? Data = null);
