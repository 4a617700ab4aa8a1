namespace NotificationOps.Engine.Tracking;

/// <summary>Whether a hit came from a machine (and why), and whether a person's open came through an image proxy.</summary>
public sealed record HitVerdict(bool Machine, string? Reason, bool Proxied)
{
    public static readonly HitVerdict Human = new(false, null, false);

    public static HitVerdict MachineBecause(string reason) => new(true, reason, false);
}
