using System.Text.Json.Serialization;
using NotificationOps.Engine.Automations;

namespace NotificationOps.Engine.Api;

/// <summary>A run: <c>steps</c> only on <c>GET /api/automations/runs/{runId}</c>, not in the list.</summary>
public sealed record AutomationRunResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("template")] string? Template,
    [property: JsonPropertyName("recipient")] string? Recipient,
    [property: JsonPropertyName("cancelation_token")] string? CancelationToken,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("finished_at")] DateTimeOffset? FinishedAt,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("steps")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<AutomationRunStepResponse>? Steps)
{
    public static AutomationRunResponse From(AutomationRun run, IReadOnlyList<AutomationRunStep>? steps = null) => new(
        run.Id, run.Status.ToString().ToUpperInvariant(), run.TemplateId, run.Recipient, run.CancelationToken,
        run.CreatedAt, run.FinishedAt, run.Error, steps?.Select(AutomationRunStepResponse.From).ToList());
}
