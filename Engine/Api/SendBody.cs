using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>For the API description only: the send body is read and validated by SendRequestParser.</summary>
public sealed record SendBody([property: JsonPropertyName("message")] JsonObject Message);
