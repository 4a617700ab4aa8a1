using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Api;

/// <summary>Checks an API key's scope claims; on refusal leaves the missing scope for the 403 body to name.</summary>
public sealed class ApiScopeAuthorizationHandler : AuthorizationHandler<ApiScopeRequirement>
{
    /// <summary>The <see cref="HttpContext.Items"/> key under which the missing scope is left for the forbidden answer.</summary>
    public const string MissingScopeItem = "nops:missing_scope";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiScopeRequirement requirement)
    {
        var granted = context.User.FindAll(ApiScopes.ClaimType).Select(c => c.Value);
        if (ApiScopes.Allows(granted, requirement.Scope))
        {
            context.Succeed(requirement);
        }
        else if (context.Resource is HttpContext http)
        {
            http.Items[MissingScopeItem] = requirement.Scope;
        }

        return Task.CompletedTask;
    }
}
