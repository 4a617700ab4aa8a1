using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/bulk/{job_id}</c>, as Courier's <c>BulkRetrieveJobResponse</c>.</summary>
public sealed record BulkJobResponse([property: JsonPropertyName("job")] BulkJobBody Job);
