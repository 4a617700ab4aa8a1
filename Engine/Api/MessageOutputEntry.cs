using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>The rendered output on one channel, and the provider it went to.</summary>
public sealed record MessageOutputEntry(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("channel_id")] string ChannelId,
    [property: JsonPropertyName("content")] MessageOutputContent Content);
