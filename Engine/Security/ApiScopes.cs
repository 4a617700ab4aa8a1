namespace NotificationOps.Engine.Security;

/// <summary>
/// What an API key may do. <c>admin</c> includes every other scope; a key stored without scopes (every key made
/// before scopes existed, and the bootstrap key) has all of them, so an upgrade locks no integration out.
/// </summary>
public static class ApiScopes
{
    /// <summary>POST /api/send, and retry or cancel of a message.</summary>
    public const string Send = "send";

    /// <summary>Every GET: messages, history, templates, profiles.</summary>
    public const string Read = "read";

    /// <summary>Writes to templates, profiles, lists, audiences, automations and webhooks.</summary>
    public const string Manage = "manage";

    /// <summary>GET /metrics (Prometheus scrape) and nothing else, for a monitoring system's key.</summary>
    public const string Metrics = "metrics";

    /// <summary>API keys, users and providers; implies every other scope.</summary>
    public const string Admin = "admin";

    /// <summary>The claim carrying each granted scope on an API-key principal.</summary>
    public const string ClaimType = "nops:scope";

    public static IReadOnlyList<string> All { get; } = [Send, Read, Manage, Metrics, Admin];

    /// <summary>The scopes a stored value grants: null or blank (a key from before scopes) grants all.</summary>
    public static IReadOnlyList<string> FromStored(string? stored)
    {
        var scopes = (stored ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return scopes.Length == 0 ? All : All.Where(scopes.Contains).ToList();
    }

    /// <summary>The stored form of a chosen set: known names, in a fixed order, space-separated.</summary>
    public static string ToStored(IEnumerable<string> scopes)
    {
        var chosen = scopes.Select(s => s.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var unknown = chosen.Except(All).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown scope {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the scopes are {string.Join(", ", All)}.", nameof(scopes));
        }

        if (chosen.Count == 0)
        {
            throw new ArgumentException($"Choose at least one scope ({string.Join(", ", All)}).", nameof(scopes));
        }

        return string.Join(' ', All.Where(chosen.Contains));
    }

    /// <summary>Whether <paramref name="granted"/> allows what <paramref name="required"/> names.</summary>
    public static bool Allows(IEnumerable<string> granted, string required) =>
        granted.Any(g => g == required || g == Admin);
}
