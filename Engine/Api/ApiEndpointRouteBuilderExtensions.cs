using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace NotificationOps.Engine.Api;

/// <summary>The <c>/api</c> group: every resource maps itself here, all behind an API key.</summary>
public static class ApiEndpointRouteBuilderExtensions
{
    public static RouteGroupBuilder MapNotificationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api")
            .RequireAuthorization(ApiPolicies.ApiKey)
            .AddEndpointFilter<ApiRequestErrorFilter>()
            .WithTags("API");

        api.MapWhoAmI();
        api.MapSend();
        api.MapMessages();
        api.MapProfiles();
        api.MapTemplates();

        // Unknown /api paths and methods answer JSON 404 or 405 (after the key check), never the dashboard's login redirect.
        api.MapFallback((HttpContext context, EndpointDataSource endpoints) => ApiFallback.Answer(context, endpoints))
            .ExcludeFromDescription();
        return api;
    }
}
