namespace NotificationOps.Engine.Audiences;

/// <summary>A profile in one version of an audience's membership.</summary>
public sealed class AudienceMember
{
    public required string AudienceId { get; set; }

    public int Version { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>Why it is a member: the calculation, or a profile change applied incrementally.</summary>
    public string Reason { get; set; } = "";
}
