using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Automations;

/// <summary>The run's values while a job works on it: what <c>if</c> expressions see and steps change.</summary>
public sealed class AutomationRunState(AutomationRun run)
{
    public AutomationRun Run { get; } = run;

    public JsonObject Data { get; set; } = Parse(run.DataJson);

    public JsonObject Profile { get; set; } = Parse(run.ProfileJson);

    public JsonObject Refs { get; } = Parse(run.RefsJson);

    /// <summary>Writes the values back to the run row.</summary>
    public void Store()
    {
        Run.DataJson = Data.ToJsonString();
        Run.ProfileJson = Profile.ToJsonString();
        Run.RefsJson = Refs.ToJsonString();
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json) as JsonObject ?? new JsonObject();
}
