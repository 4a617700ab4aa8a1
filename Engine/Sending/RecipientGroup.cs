using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// A recipient that stands for many: <c>{list_id}</c>, <c>{list_pattern}</c> or <c>{audience_id}</c>, with data merged
/// into each member's message. <see cref="MemberOf"/> (an audience's <c>filters</c> of <c>MEMBER_OF</c>) narrows the
/// audience to members subscribed to every one of those lists.
/// </summary>
public sealed record RecipientGroup(string Kind, string Value, JsonObject? Data)
{
    public const string List = "list_id";
    public const string ListPattern = "list_pattern";
    public const string Audience = "audience_id";

    public IReadOnlyList<string> MemberOf { get; init; } = [];

    /// <summary>The group as <c>to</c> holds it, so the fan-out parses what the intake parsed.</summary>
    public JsonObject ToJson()
    {
        var item = new JsonObject { [Kind] = Value };
        if (Data is not null)
        {
            item["data"] = Data.DeepClone();
        }

        if (MemberOf.Count > 0)
        {
            item["filters"] = new JsonArray(MemberOf.Select(list => (JsonNode)new JsonObject
            {
                ["operator"] = RecipientGroups.MemberOfOperator, ["path"] = RecipientGroups.MemberOfPath, ["value"] = list,
            }).ToArray());
        }

        return item;
    }
}
