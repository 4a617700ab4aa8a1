using System.Security.Claims;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Audit;

/// <summary>How the audit trail names who acted: the dashboard user's email, or the API key's name and id.</summary>
public static class AuditActors
{
    public static string Of(ClaimsPrincipal principal)
    {
        if (principal.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim) is { } keyId)
        {
            return $"API key \"{principal.Identity?.Name}\" (#{keyId.Value})";
        }

        return principal.Identity?.Name ?? "unknown";
    }
}
