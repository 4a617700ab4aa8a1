using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Engine.Api;

/// <summary>A list a profile is subscribed to, as Courier's <c>ListRetrieveResponse.Result</c>.</summary>
public sealed record ProfileListResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("updated")] string Updated,
    [property: JsonPropertyName("preferences")] JsonObject? Preferences)
{
    public static ProfileListResponse From(ProfileListMembership membership) =>
        new(membership.List.Id, membership.List.Name, ListResponse.Iso(membership.List.CreatedAt), ListResponse.Iso(membership.List.UpdatedAt),
            ListRequests.ParsePreferences(membership.PreferencesJson));
}
