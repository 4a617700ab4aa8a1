using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Api;

/// <summary>
/// Which scope each /api endpoint needs, declared where the resource groups are registered: reads need one scope,
/// writes another. An endpoint that declares nothing needs <c>admin</c>, so a new endpoint is never open to every key by accident.
/// </summary>
public static class ApiScopeConventions
{
    /// <summary>GET and HEAD need <paramref name="read"/>; every other method needs <paramref name="write"/>.</summary>
    public static RouteGroupBuilder RequireApiScopes(this RouteGroupBuilder group, string read, string write)
    {
        // A finally convention sees the endpoint's complete metadata, its HTTP methods included.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            var readOnly = methods.Count > 0 && methods.All(m => HttpMethods.IsGet(m) || HttpMethods.IsHead(m));
            Require(endpoint, readOnly ? read : write);
        });
        return group;
    }

    /// <summary>Every endpoint of the group needs <paramref name="scope"/>.</summary>
    public static RouteGroupBuilder RequireApiScope(this RouteGroupBuilder group, string scope)
    {
        ((IEndpointConventionBuilder)group).Finally(endpoint => Require(endpoint, scope));
        return group;
    }

    /// <summary>Any valid key may call the group's endpoints (whoami, the JSON 404 fallback).</summary>
    public static TBuilder AllowAnyApiScope<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint => endpoint.Metadata.Add(ApiScopeDeclared.Instance));
        return builder;
    }

    /// <summary>On the /api group: an endpoint that declared no scope needs <c>admin</c>.</summary>
    public static RouteGroupBuilder RequireAdminScopeByDefault(this RouteGroupBuilder api)
    {
        // Group finally conventions run after the inner groups' ones, so declarations are visible here.
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<ApiScopeDeclared>().Any())
            {
                Require(endpoint, ApiScopes.Admin);
            }
        });
        return api;
    }

    private static void Require(EndpointBuilder endpoint, string scope)
    {
        endpoint.Metadata.Add(ApiScopeDeclared.Instance);
        endpoint.Metadata.Add(new AuthorizeAttribute(ApiPolicies.Scope(scope)));
    }

    /// <summary>Marks an endpoint whose scope has been decided.</summary>
    private sealed class ApiScopeDeclared
    {
        public static readonly ApiScopeDeclared Instance = new();
    }
}
