namespace NotificationOps.Engine.Operations;

/// <summary>What a bulk operation could not do: how often each reason occurred, with some examples.</summary>
public sealed class BulkRefusals
{
    public Dictionary<string, int> Counts { get; set; } = new(StringComparer.Ordinal);

    public List<BulkRefusal> Examples { get; set; } = [];
}
