using System.Text.Json.Serialization;
using NotificationOps.Engine.Preferences;

namespace NotificationOps.Engine.Api;

/// <summary>A subscription topic (ours: Courier defines topics in its UI, not its API).</summary>
public sealed record TopicResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("section")] string? Section,
    [property: JsonPropertyName("default_status")] string DefaultStatus,
    [property: JsonPropertyName("default_channels")] IReadOnlyList<string> DefaultChannels)
{
    public static TopicResponse From(SubscriptionTopic topic) => new(
        topic.Id, topic.Name, topic.Section, PreferenceStatusNames.Of(topic.DefaultStatus),
        PreferenceChannels.Split(topic.DefaultChannels).Select(PreferenceChannels.ToClassification).ToList());
}
