namespace NotificationOps.Engine.Tracking;

/// <summary>Where a tracked link sits in what was sent.</summary>
public enum TrackedLinkKind
{
    /// <summary>An <c>&lt;a href&gt;</c> of the HTML part.</summary>
    Html,

    /// <summary>A URL in the plain-text part (email text, SMS, chat, push).</summary>
    Text,

    /// <summary>The hidden link no person sees: whoever follows it is a machine.</summary>
    Honeypot,
}
