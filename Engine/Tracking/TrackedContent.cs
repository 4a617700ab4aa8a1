using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Tracking;

/// <summary>Rendered content with its links rewritten, and the link rows to store before it is sent.</summary>
public sealed record TrackedContent(RenderedContent Content, IReadOnlyList<TrackedLink> Links);
