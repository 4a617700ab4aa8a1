using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace NotificationOps.Engine.Http;

/// <summary>The JSON body of every error under /api and /webhooks (docs/errors.md): a machine-readable type and a sentence for the person reading it.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>The request field the error is about, when there is one.</summary>
    [JsonPropertyName("field")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }

    /// <summary>The error as an endpoint result with its status code.</summary>
    public static IResult Result(int status, string type, string message, string? field = null) =>
        TypedResults.Json(new ApiError(type, message) { Field = field }, statusCode: status);
}
