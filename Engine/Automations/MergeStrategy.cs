using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Courier's merge strategies (update-profile's <c>merge</c>, fetch-data's <c>merge_strategy</c>): replace takes
/// the source whole, overwrite sets every key the source has, soft-merge only adds keys the target lacks, none
/// leaves the target as it was.
/// </summary>
public static class MergeStrategy
{
    public const string None = "none";
    public const string Overwrite = "overwrite";
    public const string SoftMerge = "soft-merge";
    public const string Replace = "replace";

    public static readonly string[] All = [None, Overwrite, SoftMerge, Replace];

    public static JsonObject Apply(string strategy, JsonObject target, JsonObject source)
    {
        switch (strategy)
        {
            case Replace:
                return (JsonObject)source.DeepClone();
            case None:
                return (JsonObject)target.DeepClone();
        }

        var merged = (JsonObject)target.DeepClone();
        foreach (var (key, value) in source)
        {
            if (strategy == Overwrite || !merged.ContainsKey(key))
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }
}
