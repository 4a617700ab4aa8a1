using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Inbound;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>
/// Courier's <c>POST /api/inbound/courier</c>: a track event, 202 <c>{messageId}</c>; it starts the published automation
/// templates whose trigger names the event. A repeated messageId is 409 with <c>x-should-retry: false</c>: the SDK
/// retries 409s unless told not to.
/// </summary>
public static class InboundEndpoints
{
    public static RouteGroupBuilder MapInbound(this RouteGroupBuilder api)
    {
        api.MapPost("/inbound/courier", async (HttpContext context, InboundEvents events, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiRequestReader.ReadJsonAsync(context.Request);
                if (error is not null)
                {
                    return error;
                }

                var root = body as JsonObject ?? throw Bad("body", "The body must be a JSON object: {\"type\": \"track\", \"event\", \"messageId\", \"properties\"}.");
                if (Text(root, "type") != "track")
                {
                    throw Bad("type", "'type' must be \"track\".");
                }

                var eventName = Text(root, "event") is { Length: > 0 and <= 200 } name ? name : throw Bad("event", "'event' is required (at most 200 characters).");
                var messageId = Text(root, "messageId") is { Length: > 0 and <= 200 } id ? id : throw Bad("messageId", "'messageId' is required (at most 200 characters).");
                var properties = root["properties"] switch
                {
                    JsonObject o => o,
                    null => throw Bad("properties", "'properties' is required: an object."),
                    _ => throw Bad("properties", "'properties' must be an object."),
                };
                var userId = root["userId"] is null ? null : Text(root, "userId") ?? throw Bad("userId", "'userId' must be a string.");
                if (await events.ReceiveAsync(messageId, eventName, userId, properties, cancellationToken) is null)
                {
                    context.Response.Headers["x-should-retry"] = "false";
                    return ApiError.Result(StatusCodes.Status409Conflict, "conflict", $"An event with messageId '{messageId}' was already received.", "messageId");
                }

                return TypedResults.Json(new InboundTrackResponse(messageId), statusCode: StatusCodes.Status202Accepted);
            })
            .WithName("TrackInboundEvent")
            .WithSummary("Receive a track event; automation templates triggered by its name start with its properties as data.")
            .Produces<InboundTrackResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status409Conflict);
        return api;
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static RequestValidationException Bad(string field, string message) => new(ValidationErrorKind.Invalid, field, message);
}
