using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Validation;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Api;

/// <summary>
/// <c>/api/webhooks</c>: outbound webhook endpoints (create answers the signing secret, once), secret rotation, the
/// delivery log, replays and a test event. docs/webhooks.md.
/// </summary>
public static class WebhooksEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks");

        webhooks.MapGet("/", async (WebhookEndpointService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(new WebhookEndpointListResponse((await service.ListAsync(cancellationToken)).Select(WebhookEndpointResponse.From).ToList())))
            .WithName("ListWebhookEndpoints")
            .WithSummary("Every endpoint; never a secret.");

        webhooks.MapGet("/{id}", async (string id, WebhookEndpointService service, CancellationToken cancellationToken) =>
                await service.GetAsync(id, cancellationToken) is { } endpoint
                    ? TypedResults.Ok(WebhookEndpointResponse.From(endpoint))
                    : NotFound(id))
            .WithName("GetWebhookEndpoint")
            .Produces<WebhookEndpointResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        webhooks.MapPost("/", async (HttpRequest request, WebhookEndpointService service, CancellationToken cancellationToken) =>
            {
                var change = await ReadChangeAsync(request);
                var created = await service.CreateAsync(change, cancellationToken);
                return TypedResults.Created($"/api/webhooks/{created.Endpoint.Id}", WebhookEndpointResponse.From(created.Endpoint) with { Secret = created.Secret });
            })
            .WithName("CreateWebhookEndpoint")
            .Produces<WebhookEndpointResponse>(StatusCodes.Status201Created)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("Create an endpoint; the signing secret (whsec_…) is in this answer only.");

        webhooks.MapPatch("/{id}", async (string id, HttpRequest request, WebhookEndpointService service, CancellationToken cancellationToken) =>
                await service.UpdateAsync(id, await ReadChangeAsync(request), cancellationToken) is { } endpoint
                    ? TypedResults.Ok(WebhookEndpointResponse.From(endpoint))
                    : NotFound(id))
            .WithName("UpdateWebhookEndpoint")
            .Produces<WebhookEndpointResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id}/rotate-secret", async (string id, WebhookEndpointService service, CancellationToken cancellationToken) =>
                await service.RotateSecretAsync(id, cancellationToken) is { } rotated
                    ? TypedResults.Ok(WebhookEndpointResponse.From(rotated.Endpoint) with { Secret = rotated.Secret })
                    : NotFound(id))
            .WithName("RotateWebhookSecret")
            .Produces<WebhookEndpointResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("A new secret, in this answer only; the old one keeps signing alongside it for 24 hours.");

        webhooks.MapDelete("/{id}", async (string id, WebhookEndpointService service, CancellationToken cancellationToken) =>
                await service.DeleteAsync(id, cancellationToken) ? Results.NoContent() : NotFound(id))
            .WithName("DeleteWebhookEndpoint")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id}/test", async (string id, WebhookEndpointService service, WebhookDeliveryLog log, CancellationToken cancellationToken) =>
            {
                var endpoint = await service.GetAsync(id, cancellationToken);
                if (endpoint is null)
                {
                    return NotFound(id);
                }

                if (!endpoint.Enabled)
                {
                    return ApiError.Result(StatusCodes.Status409Conflict, "conflict", $"Webhook endpoint '{id}' is disabled; enable it first.");
                }

                return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", new WebhookTestResponse(await log.SendTestAsync(id, cancellationToken)));
            })
            .WithName("SendWebhookTestEvent")
            .Produces<WebhookTestResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status409Conflict);

        webhooks.MapGet("/{id}/deliveries", async (string id, string? cursor, int? limit, WebhookEndpointService service, WebhookDeliveryLog log, CancellationToken cancellationToken) =>
            {
                if (await service.GetAsync(id, cancellationToken) is null)
                {
                    return NotFound(id);
                }

                long? before = null;
                if (!string.IsNullOrEmpty(cursor))
                {
                    if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "'cursor' is not one this API answered.", "cursor");
                    }

                    before = parsed;
                }

                var page = await log.ListAsync(id, before, limit ?? 20, cancellationToken);
                return TypedResults.Ok(new WebhookDeliveryListResponse(
                    new MessagePaging(page.Next?.ToString(CultureInfo.InvariantCulture), page.Next is not null),
                    page.Items.Select(WebhookDeliveryResponse.From).ToList()));
            })
            .WithName("ListWebhookDeliveries")
            .Produces<WebhookDeliveryListResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("The delivery log, newest first: each delivery with its attempts (time, status code, duration, response body up to 4 KB, error).");

        webhooks.MapPost("/{id}/deliveries/{deliveryId:long}/replay", async (string id, long deliveryId, WebhookDeliveryLog log, CancellationToken cancellationToken) =>
            {
                if (await log.GetAsync(id, deliveryId, cancellationToken) is null)
                {
                    return ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No delivery {deliveryId} for webhook endpoint '{id}'.");
                }

                return await log.ReplayAsync(id, deliveryId, cancellationToken)
                    ? TypedResults.Accepted($"/api/webhooks/{id}/deliveries", new WebhookReplayResponse(1))
                    : ApiError.Result(StatusCodes.Status409Conflict, "conflict", $"Delivery {deliveryId} is being attempted right now; try again in a moment.");
            })
            .WithName("ReplayWebhookDelivery")
            .Produces<WebhookReplayResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status409Conflict)
            .WithSummary("Send one delivery again (same webhook-id and body), from the start of the retry schedule.");

        webhooks.MapPost("/{id}/deliveries/replay", async (string id, HttpRequest request, WebhookEndpointService service, WebhookDeliveryLog log, CancellationToken cancellationToken) =>
            {
                if (await service.GetAsync(id, cancellationToken) is null)
                {
                    return NotFound(id);
                }

                var body = await ReadObjectAsync(request);
                var from = Millis(body, "from", required: true)!.Value;
                var to = Millis(body, "to", required: false) ?? DateTimeOffset.MaxValue;
                if (to <= from)
                {
                    throw new RequestValidationException(ValidationErrorKind.Invalid, "to", "'to' must be later than 'from'.");
                }

                return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", new WebhookReplayResponse(await log.ReplayFailedAsync(id, from, to, cancellationToken)));
            })
            .WithName("ReplayFailedWebhookDeliveries")
            .Produces<WebhookReplayResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("Send again every failed delivery whose event happened in [from, to) (epoch milliseconds; 'to' optional).");

        return api;
    }

    private static IResult NotFound(string id) =>
        ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No webhook endpoint '{id}'.");

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
        if (error is not null)
        {
            // The reader's own answer (content type, size, syntax) as a validation error with its field.
            throw new RequestValidationException(ValidationErrorKind.Invalid, "body", "The body must be a JSON object sent with 'Content-Type: application/json'.");
        }

        return body as JsonObject ?? throw new RequestValidationException(ValidationErrorKind.Invalid, "body", "The body must be a JSON object.");
    }

    private static async Task<WebhookEndpointChange> ReadChangeAsync(HttpRequest request)
    {
        var body = await ReadObjectAsync(request);
        return new WebhookEndpointChange
        {
            Url = Text(body, "url"),
            Description = Text(body, "description"),
            Events = body["events"] switch
            {
                null => null,
                JsonArray array when array.All(e => e is JsonValue v && v.GetValueKind() == JsonValueKind.String) => array.Select(e => e!.GetValue<string>()).ToList(),
                _ => throw new RequestValidationException(ValidationErrorKind.Invalid, "events", "'events' must be an array of event names."),
            },
            Enabled = Flag(body, "enabled"),
            IncludeMachineHits = Flag(body, "include_machine_hits"),
        };
    }

    private static string? Text(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must be a string."),
    };

    private static bool? Flag(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must be true or false."),
    };

    private static DateTimeOffset? Millis(JsonObject body, string field, bool required)
    {
        if (body[field] is null && !required)
        {
            return null;
        }

        return body[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var ms) && ms >= 0 && ms < 253_402_300_800_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must be a time in epoch milliseconds.");
    }
}
