using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/users/{user_id}/preferences/{topic_id}</c>: <c>{topic: TopicPreference}</c>.</summary>
public sealed record UserTopicPreferenceResponse([property: JsonPropertyName("topic")] TopicPreferenceResponse Topic);
