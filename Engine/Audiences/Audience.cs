namespace NotificationOps.Engine.Audiences;

/// <summary>
/// A Courier audience: a filter over profiles whose membership is computed, not evaluated at send. A change of the
/// filter starts version <see cref="Version"/>; members of <see cref="ServedVersion"/> are served until it is complete.
/// </summary>
public sealed class Audience
{
    public required string Id { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>AND or OR over the top-level filters.</summary>
    public string Operator { get; set; } = "AND";

    /// <summary>The top-level <c>filters</c> array as JSON.</summary>
    public string FilterJson { get; set; } = "[]";

    /// <summary>The membership being (or last) calculated.</summary>
    public int Version { get; set; }

    /// <summary>The complete membership served to reads and sends; 0 before the first calculation ends.</summary>
    public int ServedVersion { get; set; }

    public bool Calculating { get; set; }

    /// <summary>Keyset position of the calculation over profiles (last user id done), and its counts.</summary>
    public string? CalcAfterUserId { get; set; }

    public int CalcProcessed { get; set; }

    public int CalcTotal { get; set; }

    public int MemberCount { get; set; }

    public DateTimeOffset? CalculatedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}
