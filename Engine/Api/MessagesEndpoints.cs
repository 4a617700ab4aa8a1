using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tracking;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Api;

/// <summary>Courier's messages resource: list, retrieve, history, output, cancel; and ours: retry.</summary>
public static class MessagesEndpoints
{
    public static RouteGroupBuilder MapMessages(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/messages");

        messages.MapGet("/", async (HttpRequest request, MessageQueries queries, CancellationToken cancellationToken) =>
            {
                var query = request.Query;
                var statuses = new List<MessageStatus>();
                foreach (var value in Split(query["status"]))
                {
                    if (!MessageStatusNames.TryParseStatus(value, out var status))
                    {
                        return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", $"Unknown status '{value}'.", "status");
                    }

                    statuses.Add(status);
                }

                MessageCursor? cursor = null;
                if (!string.IsNullOrEmpty(query["cursor"]) && !MessageCursor.TryDecode(query["cursor"], out cursor))
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "The cursor is not one this API returned.", "cursor");
                }

                DateTimeOffset? enqueuedAfter = null;
                if (!string.IsNullOrEmpty(query["enqueued_after"]))
                {
                    if (!TryParseTime(query["enqueued_after"]!, out var after))
                    {
                        return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request",
                            "enqueued_after must be epoch milliseconds or an ISO 8601 time.", "enqueued_after");
                    }

                    enqueuedAfter = after;
                }

                var limit = 50;
                if (!string.IsNullOrEmpty(query["limit"]) && (!int.TryParse(query["limit"], out limit) || limit < 1 || limit > MessageQueries.MaxPageSize))
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", $"limit must be 1 to {MessageQueries.MaxPageSize}.", "limit");
                }

                var filter = new MessageFilter
                {
                    Statuses = statuses,
                    Providers = Split(query["provider"]).ToList(),
                    Tags = Split(query["tag"]).Concat(Split(query["tags"])).Distinct().ToList(),
                    Recipient = Blank(query["recipient"]),
                    Template = Blank(query["notification"]) ?? Blank(query["event"]),
                    TraceId = Blank(query["traceId"]) ?? Blank(query["trace_id"]),
                    MessageId = Blank(query["messageId"]) ?? Blank(query["message_id"]),
                    EnqueuedAfter = enqueuedAfter,
                };
                var page = await queries.ListAsync(filter, cursor, limit, cancellationToken);
                return TypedResults.Ok(new MessageListResponse(
                    new MessagePaging(page.Next?.Encode(), page.Next is not null), page.Items.Select(MessageDetailsResponse.From).ToList()));
            })
            .WithName("ListMessages")
            .Produces<MessageListResponse>()
            .WithSummary("Messages, newest first; filters: status, provider, tag, tags, recipient, notification, traceId, messageId, enqueued_after; keyset cursor.");

        messages.MapGet("/{id}", async (string id, MessageQueries queries, CancellationToken cancellationToken) =>
                await queries.FindAsync(id, cancellationToken) is { } message
                    ? TypedResults.Ok(MessageDetailsResponse.From(message))
                    : NotFound(id))
            .WithName("GetMessage")
            .Produces<MessageDetailsResponse>();

        messages.MapGet("/{id}/history", async (string id, string? type, MessageQueries queries, TrackingAnalytics tracking, CancellationToken cancellationToken) =>
            {
                if (await queries.FindAsync(id, cancellationToken) is null)
                {
                    return NotFound(id);
                }

                var events = await queries.HistoryAsync(id, type, cancellationToken);
                var machineHits = await tracking.MachineHitsAsync(id, MessageHistoryItem.HitKinds(type), cancellationToken);
                return TypedResults.Ok(new MessageHistoryResponse(MessageHistoryItem.Merge(events, machineHits)));
            })
            .WithName("GetMessageHistory")
            .Produces<MessageHistoryResponse>();

        messages.MapGet("/{id}/output", async (string id, MessageQueries queries, CancellationToken cancellationToken) =>
            {
                if (await queries.FindAsync(id, cancellationToken) is not { } message)
                {
                    return NotFound(id);
                }

                var results = new List<MessageOutputEntry>();
                if (RenderedContent.FromJson(message.OutputJson, message.Channel) is { } output)
                {
                    results.Add(new MessageOutputEntry(output.Channel, message.Provider ?? string.Empty, MessageOutputContent.From(output)));
                }

                return TypedResults.Ok(new MessageOutputResponse(results));
            })
            .WithName("GetMessageOutput")
            .Produces<MessageOutputResponse>();

        messages.MapPost("/{id}/cancel", async (string id, HttpResponse response, MessageOperations operations, CancellationToken cancellationToken) =>
                Answer(await operations.CancelAsync(id, MessageEventSources.Api, cancellationToken), id, response))
            .WithName("CancelMessage")
            .Produces<MessageDetailsResponse>()
            .WithSummary("Cancel an ENQUEUED or DELAYED message: 200 with the record, or 409 with the record.");

        messages.MapPost("/{id}/retry", async (string id, HttpResponse response, MessageOperations operations, CancellationToken cancellationToken) =>
                Answer(await operations.RetryAsync(id, MessageEventSources.Api, cancellationToken), id, response))
            .WithName("RetryMessage")
            .Produces<MessageDetailsResponse>()
            .WithSummary("A new attempt now for an UNDELIVERABLE/UNROUTABLE message, or an ENQUEUED one waiting to retry; 409 otherwise.");

        return api;
    }

    private static IResult Answer(MessageOperationResult result, string id, HttpResponse response)
    {
        switch (result.Outcome)
        {
            case MessageOperationOutcome.NotFound:
                return NotFound(id);
            case MessageOperationOutcome.Refused:
                // Retrying will not change the answer: tell Courier's SDK not to retry the 409.
                response.Headers["x-should-retry"] = "false";
                var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(MessageDetailsResponse.From(result.Record!)))!.AsObject();
                body["message"] = result.Explanation;
                body["type"] = "conflict";
                return Results.Json(body, statusCode: StatusCodes.Status409Conflict);
            default:
                return TypedResults.Ok(MessageDetailsResponse.From(result.Record!));
        }
    }

    private static IResult NotFound(string id) =>
        ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No message with id '{id}'.");

    private static IEnumerable<string> Split(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryParseTime(string value, out DateTimeOffset time)
    {
        if (long.TryParse(value, out var ms))
        {
            // Out of DateTimeOffset's range (e.g. -99999999999999) is a bad value, not a crash.
            var inRange = ms >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
            time = inRange ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : default;
            return inRange;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
