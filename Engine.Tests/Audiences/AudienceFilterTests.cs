using System.Text.Json.Nodes;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Tests.Audiences;

public sealed class AudienceFilterTests
{
    private static readonly JsonObject Profile = JsonNode.Parse("""
        {"email": "ada@example.com", "age": 36, "plan": "pro", "tags": ["beta", "vip"], "joined": "2024-03-01T00:00:00Z",
         "address": {"country": "UK"}, "custom": {"score": "9"}}
        """)!.AsObject();

    [Theory]
    [InlineData("""{"operator": "EQ", "path": "plan", "value": "pro"}""", true)]
    [InlineData("""{"operator": "NEQ", "path": "plan", "value": "pro"}""", false)]
    [InlineData("""{"operator": "GT", "path": "age", "value": "9"}""", true)]
    [InlineData("""{"operator": "GTE", "path": "age", "value": 36}""", true)]
    [InlineData("""{"operator": "LT", "path": "age", "value": "100"}""", true)]
    [InlineData("""{"operator": "LTE", "path": "age", "value": "35"}""", false)]
    [InlineData("""{"operator": "GT", "path": "plan", "value": "free"}""", true)]
    [InlineData("""{"operator": "EXISTS", "path": "address.country"}""", true)]
    [InlineData("""{"operator": "EXISTS", "path": "address.city"}""", false)]
    [InlineData("""{"operator": "INCLUDES", "path": "tags", "value": "vip"}""", true)]
    [InlineData("""{"operator": "INCLUDES", "path": "tags", "value": ["x", "beta"]}""", true)]
    [InlineData("""{"operator": "INCLUDES", "path": "email", "value": "@example"}""", true)]
    [InlineData("""{"operator": "OMIT", "path": "tags", "value": "vip"}""", false)]
    [InlineData("""{"operator": "STARTS_WITH", "path": "email", "value": "ada"}""", true)]
    [InlineData("""{"operator": "ENDS_WITH", "path": "email", "value": ".org"}""", false)]
    [InlineData("""{"operator": "IS_BEFORE", "path": "joined", "value": "2025-01-01"}""", true)]
    [InlineData("""{"operator": "IS_AFTER", "path": "joined", "value": "2025-01-01"}""", false)]
    [InlineData("""{"operator": "MEMBER_OF", "value": "news"}""", true)]
    [InlineData("""{"operator": "MEMBER_OF", "value": "other"}""", false)]
    [InlineData("""{"operator": "EQ", "path": "score", "value": "9"}""", true)]
    [InlineData("""{"operator": "OR", "filters": [{"operator": "EQ", "path": "plan", "value": "free"}, {"operator": "AND", "filters": [{"operator": "GT", "path": "age", "value": "30"}, {"operator": "EQ", "path": "address.country", "value": "UK"}]}]}""", true)]
    public void Matches_EvaluatesEveryOperator(string filter, bool expected)
    {
        var parsed = AudienceFilter.Parse(JsonNode.Parse(filter), "filter.filters[0]");

        Assert.Equal(expected, parsed.Matches(Profile, new HashSet<string> { "news" }));
    }

    [Theory]
    [InlineData("""{"operator": "EXISTS", "path": "nick"}""", false)]
    [InlineData("""{"operator": "NEQ", "path": "nick", "value": "x"}""", true)]
    [InlineData("""{"operator": "EXISTS", "path": "nick.first"}""", false)]
    [InlineData("""{"operator": "EQ", "path": "vip", "value": "true"}""", true)]
    [InlineData("""{"operator": "EQ", "path": "age", "value": "36.0"}""", true)]
    [InlineData("""{"operator": "GT", "path": "address", "value": "a"}""", false)]
    [InlineData("""{"operator": "INCLUDES", "path": "address", "value": "UK"}""", false)]
    [InlineData("""{"operator": "INCLUDES", "path": "tags", "value": "null"}""", false)]
    [InlineData("""{"operator": "EQ", "path": "score", "value": 9}""", true)]
    public void Matches_StoredJson_TreatsNullAsAbsentAndComparesRawNumbers(string filter, bool expected)
    {
        // The calculation reads the stored JSON in place (JsonElement): a JSON null is absent, as it always was.
        var stored = """{"nick": null, "vip": true, "age": 36, "tags": [null, "beta"], "address": {"country": "UK"}, "custom": {"score": "9"}}""";
        var definition = new AudienceDefinition("AND", [AudienceFilter.Parse(JsonNode.Parse(filter), "filter.filters[0]")]);

        Assert.Equal(expected, AudienceProfiles.Matches(definition, stored, new HashSet<string>()));
        Assert.Equal(expected, definition.Matches(JsonNode.Parse(stored)!.AsObject(), new HashSet<string>()));
    }

    [Theory]
    [InlineData("""{"operator": "LIKE", "path": "plan", "value": "p"}""", "filter.filters[0].operator")]
    [InlineData("""{"operator": "EQ", "value": "p"}""", "filter.filters[0].path")]
    [InlineData("""{"operator": "EQ", "path": "plan"}""", "filter.filters[0].value")]
    [InlineData("""{"operator": "IS_BEFORE", "path": "joined", "value": "soon"}""", "filter.filters[0].value")]
    [InlineData("""{"operator": "AND", "filters": [{"operator": "EQ", "path": "a", "value": "1"}, {"operator": "NOPE"}]}""", "filter.filters[0].filters[1].operator")]
    [InlineData("""{"operator": "OR", "filters": []}""", "filter.filters[0].filters")]
    [InlineData("""[]""", "filter.filters[0]")]
    public void Parse_RefusesNamingTheFilter(string filter, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => AudienceFilter.Parse(JsonNode.Parse(filter), "filter.filters[0]"));

        Assert.Equal(field, error.Field);
    }
}
