using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Api;

/// <summary>
/// The <c>/api</c> group: every resource maps itself here, all behind an API key, each resource with the scopes it
/// needs (docs/roles.md has the table). A resource mapped without a scope needs <c>admin</c>.
/// </summary>
public static class ApiEndpointRouteBuilderExtensions
{
    public static RouteGroupBuilder MapNotificationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api")
            .RequireAuthorization(ApiPolicies.ApiKey)
            .AddEndpointFilter<ApiRequestErrorFilter>()
            .RequireAdminScopeByDefault()
            .WithTags("API");

        // MapGroup("") adds no path: it only carries the resource's scope rule.
        api.MapGroup("").AllowAnyApiScope().MapWhoAmI();
        api.MapGroup("").RequireApiScope(ApiScopes.Send).MapSend();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Send).MapMessages();
        api.MapGroup("").RequireApiScope(ApiScopes.Read).MapRequests();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapProfiles();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapProfileLists();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapLists();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapUserPreferences();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapTopics();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapAudiences();
        // Creating a bulk job and adding users stores data (manage); running it sends (send).
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapBulk();
        api.MapGroup("").RequireApiScope(ApiScopes.Send).MapBulkRun();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapTemplates();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Send).MapAutomations();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapAutomationTemplates();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapAutomationRuns();
        api.MapGroup("").RequireApiScope(ApiScopes.Send).MapInbound();
        api.MapGroup("").RequireApiScope(ApiScopes.Admin).MapApiKeys();
        // Writes need admin: an endpoint receives every message's data, as an API key reaches it.
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Admin).MapWebhooks();
        api.MapGroup("").RequireApiScopes(read: ApiScopes.Read, write: ApiScopes.Manage).MapStatus();

        // Unknown /api paths and methods answer JSON 404 or 405 (after the key check), never the dashboard's login redirect.
        api.MapFallback((HttpContext context, EndpointDataSource endpoints) => ApiFallback.Answer(context, endpoints))
            .ExcludeFromDescription()
            .AllowAnyApiScope();
        return api;
    }
}
