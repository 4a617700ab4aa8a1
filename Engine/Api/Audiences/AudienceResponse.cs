using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NotificationOps.Engine.Audiences;

namespace NotificationOps.Engine.Api;

/// <summary>Courier's <c>Audience</c>, plus ours: member count, calculation state and progress.</summary>
public sealed record AudienceResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("operator")] string Operator,
    [property: JsonPropertyName("filter")] JsonObject Filter,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt,
    [property: JsonPropertyName("member_count")] int MemberCount,
    [property: JsonPropertyName("calculating")] bool Calculating,
    [property: JsonPropertyName("calculation_processed")] int CalculationProcessed,
    [property: JsonPropertyName("calculation_total")] int CalculationTotal,
    [property: JsonPropertyName("calculated_at")] string? CalculatedAt,
    [property: JsonPropertyName("version")] int Version)
{
    public static AudienceResponse From(Audience a) => new(
        a.Id, a.Name, a.Description, a.Operator, new JsonObject { ["filters"] = JsonNode.Parse(a.FilterJson) },
        ListResponse.Iso(a.CreatedAt), ListResponse.Iso(a.UpdatedAt), a.MemberCount, a.Calculating, a.CalcProcessed, a.CalcTotal,
        a.CalculatedAt is { } c ? ListResponse.Iso(c) : null, a.ServedVersion);
}
