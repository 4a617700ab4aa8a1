namespace NotificationOps.Engine.Templates;

/// <summary>One channel of a preview: what it renders to, or the error that stops it.</summary>
public sealed record ChannelPreview(string Channel, RenderedContent? Output, TemplateRenderException? Error);
