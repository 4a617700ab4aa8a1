namespace NotificationOps.Engine.Tracking;

/// <summary>A trackable link found in an HTML document: its position among them, target and visible text.</summary>
public sealed record HtmlLink(int Position, string Url, string Text);
