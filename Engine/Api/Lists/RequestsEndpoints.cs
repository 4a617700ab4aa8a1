using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/requests/{request_id}</c> (ours): how far a send has come, the expansion of its lists included.</summary>
public static class RequestsEndpoints
{
    public static RouteGroupBuilder MapRequests(this RouteGroupBuilder api)
    {
        api.MapGet("/requests/{requestId}", async (string requestId, RequestProgressQuery query, CancellationToken cancellationToken) =>
                await query.GetAsync(ResourceId.Validate(requestId, "request_id"), cancellationToken) is { } progress
                    ? TypedResults.Ok(RequestResponse.From(progress))
                    : ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No request '{requestId}'.", "request_id"))
            .WithName("GetRequest")
            .Produces<RequestResponse>();
        return api;
    }
}
