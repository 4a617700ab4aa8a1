using System.Text.Json.Serialization;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Engine.Api;

/// <summary>
/// <c>GET /api/requests/{request_id}</c> (ours): <c>status</c> EXPANDING, COMPLETED or FAILED; <c>members</c> found in
/// the lists, <c>messages</c> stored for the request (direct recipients included), <c>duplicates</c> skipped, and the
/// reason a group gave nobody.
/// </summary>
public sealed record RequestResponse(
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("members")] int Members,
    [property: JsonPropertyName("messages")] int Messages,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("created")] string? Created,
    [property: JsonPropertyName("completed")] string? Completed)
{
    public static RequestResponse From(RequestProgress p) => new(
        p.RequestId, p.Status.ToString().ToUpperInvariant(), p.Members, p.Messages, p.Duplicates, p.Reason,
        p.CreatedAt is { } c ? ListResponse.Iso(c) : null, p.CompletedAt is { } d ? ListResponse.Iso(d) : null);
}
