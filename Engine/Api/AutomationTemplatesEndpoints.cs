using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>Ours: automation templates under <c>/api/automations/templates</c>: read, save the draft, publish.</summary>
public static class AutomationTemplatesEndpoints
{
    public static RouteGroupBuilder MapAutomationTemplates(this RouteGroupBuilder api)
    {
        var automations = api.MapGroup("/automations");

        automations.MapGet("/templates/{templateId}", async (string templateId, AutomationTemplates templates, CancellationToken cancellationToken) =>
                await templates.FindAsync(templateId, cancellationToken) is { } template
                    ? TypedResults.Ok(Describe(template))
                    : ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No automation template '{templateId}'."))
            .WithName("GetAutomationTemplate")
            .Produces<AutomationTemplateResponse>();

        automations.MapPut("/templates/{templateId}", async (string templateId, HttpRequest request, AutomationTemplates templates, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
                if (error is not null)
                {
                    return error;
                }

                var root = body as JsonObject ?? throw new RequestValidationException(ValidationErrorKind.Invalid, "body", "The body must be a JSON object: {\"name\", \"steps\", \"trigger_events\"}.");
                var steps = AutomationStepsParser.Parse(root["steps"], "steps");
                var name = root["name"] is JsonValue n && n.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text.Trim() : templateId;
                var triggers = root["trigger_events"] switch
                {
                    null => [],
                    JsonArray events when events.All(e => e is JsonValue v && v.TryGetValue<string>(out var s) && s.Length is > 0 and <= 200 && !s.Contains(',')) =>
                        events.Select(e => e!.GetValue<string>()).Distinct().ToList(),
                    _ => throw new RequestValidationException(ValidationErrorKind.Invalid, "trigger_events", "'trigger_events' must be an array of event names (no commas)."),
                };
                var token = root["cancelation_token"] is JsonValue t && t.TryGetValue<string>(out var tokenText) ? tokenText : null;
                return TypedResults.Ok(Describe(await templates.SaveDraftAsync(templateId, name, steps, triggers, token, cancellationToken)));
            })
            .WithName("SaveAutomationTemplate")
            .WithSummary("Save an automation template's draft (steps checked as at invoke).")
            .Produces<AutomationTemplateResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest);

        automations.MapPost("/templates/{templateId}/publish", async (string templateId, AutomationTemplates templates, CancellationToken cancellationToken) =>
                await templates.PublishAsync(templateId, cancellationToken) is { } template
                    ? TypedResults.Ok(Describe(template))
                    : ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No automation template '{templateId}'."))
            .WithName("PublishAutomationTemplate")
            .WithSummary("Publish the draft as the next version; new runs start from it.")
            .Produces<AutomationTemplateResponse>();

        return api;
    }

    private static AutomationTemplateResponse Describe(AutomationTemplate template) => new(
        template.Id,
        template.Name,
        template.PublishedVersion,
        JsonNode.Parse(template.DraftStepsJson)!.AsArray(),
        template.PublishedStepsJson is null ? null : JsonNode.Parse(template.PublishedStepsJson)!.AsArray(),
        template.TriggerEvents?.Split(',') ?? [],
        template.CancelationToken,
        template.UpdatedAt);
}
