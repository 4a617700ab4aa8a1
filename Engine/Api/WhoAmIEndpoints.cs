using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/whoami</c>: which key a request was authenticated with. Handy to check a key works.</summary>
public static class WhoAmIEndpoints
{
    public static RouteGroupBuilder MapWhoAmI(this RouteGroupBuilder api)
    {
        api.MapGet("/whoami", (ClaimsPrincipal user) => TypedResults.Ok(new WhoAmIResponse(
                user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? string.Empty,
                user.Identity?.Name ?? string.Empty)))
            .WithName("WhoAmI")
            .WithSummary("The API key this request was authenticated with.");
        return api;
    }
}
