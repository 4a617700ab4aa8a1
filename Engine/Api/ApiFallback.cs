using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Api;

/// <summary>
/// What answers a /api request no endpoint took: 405 with <c>Allow</c> when the path exists for other methods
/// (routing would otherwise hand it to this fallback as a 404), else 404. Both JSON.
/// </summary>
public static class ApiFallback
{
    public static IResult Answer(HttpContext context, EndpointDataSource endpoints)
    {
        var path = context.Request.Path;
        var allowed = endpoints.Endpoints.OfType<RouteEndpoint>()
            // Catch-alls (static files, pages) would claim every path; only a route written for this path counts.
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 } && !e.RoutePattern.Parameters.Any(p => p.IsCatchAll))
            .Where(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (allowed.Count > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return TypedResults.Json(new ApiError("method_not_allowed", $"{context.Request.Method} is not allowed on {path}; use {string.Join(" or ", allowed)}."),
                statusCode: StatusCodes.Status405MethodNotAllowed);
        }

        return TypedResults.NotFound(new ApiError("not_found", $"No API resource at {context.Request.Method} {path}."));
    }
}
