namespace NotificationOps.Engine.Audiences;

/// <summary>
/// A preview's count: <paramref name="Matched"/> of <paramref name="Scanned"/> profiles (of <paramref name="TotalProfiles"/>),
/// and the first matching user ids. When not <paramref name="Exact"/>, <see cref="Estimate"/> scales the sample up.
/// </summary>
public sealed record AudiencePreviewResult(int Matched, int Scanned, int TotalProfiles, bool Exact, IReadOnlyList<string> Sample)
{
    public long Estimate => Exact || Scanned == 0 ? Matched : (long)Math.Round((double)Matched * TotalProfiles / Scanned);
}
