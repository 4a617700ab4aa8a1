using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Api;

/// <summary>
/// Courier's automations: invoke ad hoc or by template (202 <c>{runId}</c>; <c>Idempotency-Key</c> is honoured by the
/// /api middleware like every POST) and the template list.
/// </summary>
public static class AutomationsEndpoints
{
    public static RouteGroupBuilder MapAutomations(this RouteGroupBuilder api)
    {
        var automations = api.MapGroup("/automations");

        automations.MapPost("/invoke", async (HttpRequest request, AutomationInvoker invoker, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
                if (error is not null)
                {
                    return error;
                }

                var runId = await invoker.StartAsync(AutomationInvokeParser.ParseAdHoc(body), cancellationToken);
                return TypedResults.Json(new AutomationInvokeResponse(runId), statusCode: StatusCodes.Status202Accepted);
            })
            .WithName("InvokeAutomationAdHoc")
            .WithSummary("Run the given steps for a recipient (Courier's POST /automations/invoke).")
            .Produces<AutomationInvokeResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest);

        automations.MapPost("/{templateId}/invoke", async (string templateId, HttpRequest request, AutomationTemplates templates, AutomationInvoker invoker, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
                if (error is not null)
                {
                    return error;
                }

                var template = await templates.InvocationAsync(templateId, published: true, cancellationToken);
                if (template is null)
                {
                    return ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No published automation template '{templateId}'.", "template");
                }

                var runId = await invoker.StartAsync(AutomationInvokeParser.ParseByTemplate(body, template), cancellationToken);
                return TypedResults.Json(new AutomationInvokeResponse(runId), statusCode: StatusCodes.Status202Accepted);
            })
            .WithName("InvokeAutomationTemplate")
            .WithSummary("Run an automation template's published steps (Courier's POST /automations/{templateId}/invoke).")
            .Produces<AutomationInvokeResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        automations.MapGet("", async (string? cursor, string? version, AutomationTemplates templates, CancellationToken cancellationToken) =>
            {
                if (version is not (null or "published" or "draft"))
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "'version' must be 'published' or 'draft'.", "version");
                }

                var published = version != "draft";
                var (page, next) = await templates.ListAsync(published, cursor, cancellationToken);
                var items = page.Select(t => new AutomationTemplateSummaryResponse(t.Id, t.Name, published ? "published" : "draft", t.CreatedAt, t.UpdatedAt)).ToList();
                return TypedResults.Ok(new AutomationTemplateListResponse(next, items));
            })
            .WithName("ListAutomationTemplates")
            .WithSummary("Automation templates, newest first (Courier's GET /automations).")
            .Produces<AutomationTemplateListResponse>();

        return api;
    }
}
