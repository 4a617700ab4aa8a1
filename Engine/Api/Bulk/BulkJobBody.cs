using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NotificationOps.Engine.Bulk;

namespace NotificationOps.Engine.Api;

/// <summary>A bulk job: its definition as created, status CREATED | PROCESSING | COMPLETED | ERROR, and the counts.</summary>
public sealed record BulkJobBody(
    [property: JsonPropertyName("definition")] JsonObject Definition,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("received")] int Received,
    [property: JsonPropertyName("enqueued")] int Enqueued,
    [property: JsonPropertyName("failures")] int Failures)
{
    public static BulkJobBody From(BulkJob job) =>
        new(JsonNode.Parse(job.DefinitionJson)!.AsObject(), job.Status.ToString().ToUpperInvariant(), job.Received, job.Enqueued, job.Failures);
}
