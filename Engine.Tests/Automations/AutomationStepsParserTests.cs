using System.Text.Json.Nodes;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Tests.Automations;

public sealed class AutomationStepsParserTests
{
    public static TheoryData<string, string> BadSteps => new()
    {
        { """[{"action":"explode"}]""", "automation.steps[0].action" },
        { """[{"duration":"5 minutes"}]""", "automation.steps[0].action" },
        { """[{"action":"send"},{"action":"delay"}]""", "automation.steps[1].duration" },
        { """[{"action":"delay","duration":"5 minutes","until":"2030-01-01T00:00:00Z"}]""", "automation.steps[0].duration" },
        { """[{"action":"delay","duration":"soonish"}]""", "automation.steps[0].duration" },
        { """[{"action":"delay","until":"tomorrow"}]""", "automation.steps[0].until" },
        { """[{"action":"send"},{"action":"send","if":"data.x >"}]""", "automation.steps[1].if" },
        { """[{"action":"cancel"}]""", "automation.steps[0].cancelation_token" },
        { """[{"action":"fetch-data"}]""", "automation.steps[0].webhook" },
        { """[{"action":"fetch-data","webhook":{"url":"ftp://x"}}]""", "automation.steps[0].webhook.url" },
        { """[{"action":"fetch-data","webhook":{"url":"https://x.example","method":"TRACE"}}]""", "automation.steps[0].webhook.method" },
        { """[{"action":"update-profile"}]""", "automation.steps[0].profile" },
        { """[{"action":"update-profile","profile":{},"merge":"smush"}]""", "automation.steps[0].merge" },
        { """[{"action":"invoke"}]""", "automation.steps[0].template" },
        { """[{"action":"send"},{"action":"send-list"}]""", "automation.steps[1].list" },
        { """[{"action":"send-list","list":"l","data":"x"}]""", "automation.steps[0].data" },
        { """[{"action":"send","ref":"not a name"}]""", "automation.steps[0].ref" },
        { """[{"action":"send","template":7}]""", "automation.steps[0].template" },
        { """[]""", "automation.steps" },
        { """{}""", "automation.steps" },
    };

    [Theory]
    [MemberData(nameof(BadSteps))]
    public void Parse_Refuses_NamingStepIndexAndField(string steps, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => AutomationStepsParser.Parse(JsonNode.Parse(steps), "automation.steps"));

        Assert.Equal((ValidationErrorKind.Invalid, field), (error.Kind, error.Field));
    }

    [Fact]
    public void Parse_AcceptsEveryCourierStep()
    {
        var steps = AutomationStepsParser.Parse(JsonNode.Parse("""
            [{"action":"delay","duration":"2 hours"},{"action":"delay","until":"2030-01-01T09:00:00Z"},
             {"action":"send","template":"t","recipient":"u","data":{"a":1},"if":"data.a === 1","ref":"sent"},
             {"action":"send-list","list":"l"},{"action":"update-profile","profile":{"x":1},"merge":"soft-merge"},
             {"action":"cancel","cancelation_token":"{{order}}"},
             {"action":"fetch-data","webhook":{"method":"POST","url":"https://api.example.com/x","body":"{}","headers":{"a":"b"}},"merge_strategy":"replace"},
             {"action":"invoke","template":"other"}]
            """), "automation.steps");

        Assert.Equal(8, steps.Count);
    }

    [Theory]
    [InlineData("30 seconds", 30)]
    [InlineData("5 minutes", 300)]
    [InlineData("2 hours", 7200)]
    [InlineData("1 day", 86_400)]
    [InlineData("1 week", 604_800)]
    [InlineData("90 min", 5400)]
    [InlineData("1.5 hours", 5400)]
    public void Duration_Parse_ReadsCourierDurations(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AutomationDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("five minutes")]
    [InlineData("5 fortnights")]
    [InlineData("-5 minutes")]
    [InlineData("400 days")]
    public void Duration_Parse_RefusesUnreadable(string text) => Assert.Null(AutomationDuration.Parse(text));
}
