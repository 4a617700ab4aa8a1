using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NotificationOps.Engine.Bulk;

namespace NotificationOps.Engine.Api;

/// <summary>One user of a bulk job, as ingested, with its status (PENDING | ENQUEUED | ERROR), message id and, ours, the error.</summary>
public sealed record BulkUserResponse(
    [property: JsonPropertyName("profile")] JsonObject? Profile,
    [property: JsonPropertyName("recipient")] string? Recipient,
    [property: JsonPropertyName("to")] JsonObject? To,
    [property: JsonPropertyName("data")] JsonNode? Data,
    [property: JsonPropertyName("preferences")] JsonObject? Preferences,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("error")] string? Error)
{
    public static BulkUserResponse From(BulkUser user)
    {
        var json = JsonNode.Parse(user.UserJson)!.AsObject();
        return new(json["profile"]?.DeepClone() as JsonObject, json["recipient"]?.GetValue<string>(), json["to"]?.DeepClone() as JsonObject,
            json["data"]?.DeepClone(), json["preferences"]?.DeepClone() as JsonObject, user.Status.ToString().ToUpperInvariant(), user.MessageId, user.Error);
    }
}
