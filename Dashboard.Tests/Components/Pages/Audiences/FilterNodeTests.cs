using System.Text.Json.Nodes;
using NotificationOps.Dashboard.Components.Pages.Audiences;
using NotificationOps.Engine.Audiences;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Audiences;

public sealed class FilterNodeTests
{
    [Fact]
    public void FilterOperators_OfferEveryOperatorTheEngineKnows()
    {
        Assert.Equal(AudienceFilter.Conditions.Order(), FilterOperators.All.Select(o => o.Operator).Order());
    }

    [Fact]
    public void FromAudience_ThenChildrenJson_KeepsNestedGroupsAndValues()
    {
        const string stored = """
            [{"operator":"EQ","path":"plan","value":"pro"},
             {"operator":"OR","filters":[{"operator":"GTE","path":"age","value":18},{"operator":"INCLUDES","path":"tags","value":["a","b"]},
               {"operator":"AND","filters":[{"operator":"EXISTS","path":"email"},{"operator":"MEMBER_OF","value":"beta"}]}]}]
            """;

        var root = FilterNode.FromAudience("OR", stored);
        var json = root.ChildrenJson();

        Assert.Equal("OR", root.Operator);
        Assert.Equal(
            """[{"operator":"EQ","path":"plan","value":"pro"},{"operator":"OR","filters":[{"operator":"GTE","path":"age","value":"18"},{"operator":"INCLUDES","path":"tags","value":["a","b"]},{"operator":"AND","filters":[{"operator":"EXISTS","path":"email"},{"operator":"MEMBER_OF","value":"beta"}]}]}]""",
            json.ToJsonString());
        var definition = AudienceDefinition.FromStored(root.Operator, json.ToJsonString());
        var profile = new JsonObject { ["age"] = 20, ["plan"] = "free" };
        Assert.True(definition.Matches(profile, new HashSet<string>()));
    }

    [Fact]
    public void ToJson_AnIncludesValueThatIsNotAnArray_StaysText()
    {
        var node = new FilterNode { Operator = "INCLUDES", Path = "name", Value = "[not json" };

        Assert.Equal("""{"operator":"INCLUDES","path":"name","value":"[not json"}""", node.ToJson().ToJsonString());
    }
}
