using System.Text.Json.Serialization;
using NotificationOps.Engine.Automations;

namespace NotificationOps.Engine.Api;

/// <summary>One step of a run as the API shows it.</summary>
public sealed record AutomationRunStepResponse(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("due_at")] DateTimeOffset? DueAt,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("finished_at")] DateTimeOffset? FinishedAt,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("message_id")] string? MessageId)
{
    public static AutomationRunStepResponse From(AutomationRunStep step) => new(
        step.Index, step.Action, step.Status.ToString().ToUpperInvariant(), step.Attempts, step.DueAt, step.StartedAt, step.FinishedAt, step.Error,
        step.Action == AutomationActions.Send ? step.MessageId : null);
}
