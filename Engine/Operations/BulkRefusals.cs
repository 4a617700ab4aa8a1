using System.Text.Json;

namespace NotificationOps.Engine.Operations;

/// <summary>What a bulk operation could not do: how often each reason occurred, with some examples.</summary>
public sealed class BulkRefusals
{
    public Dictionary<string, int> Counts { get; set; } = new(StringComparer.Ordinal);

    public List<BulkRefusal> Examples { get; set; } = [];

    /// <summary>Reads what <see cref="BulkOperation.RefusalsJson"/> holds; empty when nothing was refused yet.</summary>
    public static BulkRefusals Parse(string? json) =>
        json is null ? new BulkRefusals() : JsonSerializer.Deserialize<BulkRefusals>(json, BulkOperations.Json) ?? new BulkRefusals();

    public string ToJson() => JsonSerializer.Serialize(this, BulkOperations.Json);
}
