using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>The JSON body of every /api error: a machine-readable type and a sentence for the person reading it.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>The request field the error is about, when there is one.</summary>
    [JsonPropertyName("field")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }
}
