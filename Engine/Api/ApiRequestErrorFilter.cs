using Microsoft.AspNetCore.Http;

namespace NotificationOps.Engine.Api;

/// <summary>
/// Turns a refused request (<see cref="ApiErrorMapping.TryDescribe"/>) thrown by an /api handler into its JSON answer
/// inside the endpoint, so the idempotency middleware stores and replays it like any other answer. Faults (storage,
/// bugs) pass through to <see cref="ApiExceptionMiddleware"/>, which uses the same mapping.
/// </summary>
public sealed class ApiRequestErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ApiErrorMapping.TryDescribe(ex, out var status, out var error))
        {
            return TypedResults.Json(error, statusCode: status);
        }
    }
}
