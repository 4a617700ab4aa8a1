using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>POST /api/bulk</c>, as Courier's <c>BulkCreateJobResponse</c>.</summary>
public sealed record BulkCreateResponse([property: JsonPropertyName("jobId")] string JobId);
