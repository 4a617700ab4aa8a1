using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Sending;

/// <summary>A recipient that stands for many: <c>{list_id}</c>, <c>{list_pattern}</c> or <c>{audience_id}</c>, with data merged into each member's message.</summary>
public sealed record RecipientGroup(string Kind, string Value, JsonObject? Data)
{
    public const string List = "list_id";
    public const string ListPattern = "list_pattern";
    public const string Audience = "audience_id";
}
