using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>A bulk run retry: how many FAILED runs it takes up, and its progress.</summary>
public sealed record AutomationBulkRetryResponse(
    [property: JsonPropertyName("operation_id")] string OperationId,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("processed")] int Processed,
    [property: JsonPropertyName("succeeded")] int Succeeded,
    [property: JsonPropertyName("state")] string State);
