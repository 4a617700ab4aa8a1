using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Engine.Api;

/// <summary>One subscriber of a list, as Courier's: note the camelCase <c>recipientId</c>.</summary>
public sealed record ListSubscriptionResponse(
    [property: JsonPropertyName("recipientId")] string RecipientId,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("preferences")] JsonObject? Preferences)
{
    public static ListSubscriptionResponse From(ListSubscription row) =>
        new(row.UserId, ListResponse.Iso(row.CreatedAt), ListRequests.ParsePreferences(row.PreferencesJson));
}
