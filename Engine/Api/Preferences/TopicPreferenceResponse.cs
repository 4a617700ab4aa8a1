using System.Text.Json.Serialization;
using NotificationOps.Engine.Preferences;

namespace NotificationOps.Engine.Api;

/// <summary>Courier's <c>TopicPreference</c>: a topic as one user sees it.</summary>
public sealed record TopicPreferenceResponse(
    [property: JsonPropertyName("topic_id")] string TopicId,
    [property: JsonPropertyName("topic_name")] string TopicName,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("default_status")] string DefaultStatus,
    [property: JsonPropertyName("has_custom_routing")] bool HasCustomRouting,
    [property: JsonPropertyName("custom_routing")] IReadOnlyList<string> CustomRouting)
{
    public static TopicPreferenceResponse From(TopicPreferenceView view) => new(
        view.Topic.Id,
        view.Topic.Name,
        PreferenceStatusNames.Of(view.Status),
        PreferenceStatusNames.Of(view.Topic.DefaultStatus),
        view.HasCustomRouting,
        view.CustomRouting.Select(PreferenceChannels.ToClassification).ToList());
}
