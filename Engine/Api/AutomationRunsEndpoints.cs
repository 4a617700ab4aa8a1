using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Operations;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>Ours: runs under <c>/api/automations/runs</c>: list (filters, cursor), one run with its steps, retry, cancel, bulk retry.</summary>
public static class AutomationRunsEndpoints
{
    private const int DefaultLimit = 50;

    public static RouteGroupBuilder MapAutomationRuns(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/automations/runs");

        runs.MapGet("", async (HttpRequest request, string? cursor, int? limit, AutomationRunQueries queries, CancellationToken cancellationToken) =>
            {
                if (limit is < 1 or > 200)
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "'limit' must be between 1 and 200.", "limit");
                }

                var (page, next) = await queries.ListAsync(Filter(request), cursor, limit ?? DefaultLimit, cancellationToken);
                return TypedResults.Ok(new AutomationRunListResponse(next, page.Select(r => AutomationRunResponse.From(r)).ToList()));
            })
            .WithName("ListAutomationRuns")
            .WithSummary("Runs, newest first; filters: status, template, recipient, from, to (ISO 8601, by start time).")
            .Produces<AutomationRunListResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest);

        runs.MapGet("/{runId}", async (string runId, AutomationRunQueries queries, CancellationToken cancellationToken) =>
                await queries.GetAsync(runId, cancellationToken) is { } details
                    ? TypedResults.Ok(AutomationRunResponse.From(details.Run, details.Steps))
                    : NotFound(runId))
            .WithName("GetAutomationRun")
            .Produces<AutomationRunResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        runs.MapPost("/{runId}/retry", async (string runId, AutomationRunOperations operations, CancellationToken cancellationToken) =>
                await operations.RetryAsync(runId, cancellationToken) switch
                {
                    MessageOperationOutcome.Done => TypedResults.Json(new AutomationInvokeResponse(runId), statusCode: StatusCodes.Status202Accepted),
                    MessageOperationOutcome.NotFound => NotFound(runId),
                    _ => ApiError.Result(StatusCodes.Status409Conflict, "conflict", "Only a FAILED run can be retried."),
                })
            .WithName("RetryAutomationRun")
            .WithSummary("Re-run the failed step of a FAILED run, then continue.")
            .Produces<AutomationInvokeResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status409Conflict);

        runs.MapPost("/{runId}/cancel", async (string runId, AutomationRunOperations operations, AutomationRunQueries queries, CancellationToken cancellationToken) =>
            {
                var outcome = await operations.CancelAsync(runId, cancellationToken);
                if (outcome == MessageOperationOutcome.NotFound)
                {
                    return NotFound(runId);
                }

                if (outcome == MessageOperationOutcome.Refused)
                {
                    return ApiError.Result(StatusCodes.Status409Conflict, "conflict", "The run has finished; only a RUNNING or WAITING run can be canceled.");
                }

                var details = await queries.GetAsync(runId, cancellationToken);
                return TypedResults.Ok(AutomationRunResponse.From(details!.Run, details.Steps));
            })
            .WithName("CancelAutomationRun")
            .Produces<AutomationRunResponse>()
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status409Conflict);

        runs.MapPost("/retry", async (HttpRequest request, ClaimsPrincipal user, AutomationBulkRetry bulk, CancellationToken cancellationToken) =>
            {
                var operation = await bulk.StartAsync(Filter(request), user.Identity?.Name, cancellationToken);
                return TypedResults.Json(Describe(operation), statusCode: StatusCodes.Status202Accepted);
            })
            .WithName("RetryAutomationRuns")
            .WithSummary("Retry every FAILED run matching the filters (query string, as the list) in a background job; answers how many.")
            .Produces<AutomationBulkRetryResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest);

        runs.MapGet("/retry/{operationId}", async (string operationId, AutomationBulkRetry bulk, CancellationToken cancellationToken) =>
                await bulk.FindAsync(operationId, cancellationToken) is { } operation
                    ? TypedResults.Ok(Describe(operation))
                    : ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No bulk run retry '{operationId}'."))
            .WithName("GetAutomationRunsRetry")
            .WithSummary("Progress of a bulk run retry.")
            .Produces<AutomationBulkRetryResponse>();

        return api;
    }

    /// <summary>The list's filters from the query string; a bad value is a 400 naming it.</summary>
    public static AutomationRunFilter Filter(HttpRequest request)
    {
        var query = request.Query;
        AutomationRunStatus? status = null;
        if (query["status"].ToString() is { Length: > 0 } text)
        {
            status = Enum.TryParse<AutomationRunStatus>(text, ignoreCase: true, out var parsed) && !int.TryParse(text, out _)
                ? parsed
                : throw new RequestValidationException(ValidationErrorKind.Invalid, "status", $"'status' must be one of {string.Join(", ", Enum.GetNames<AutomationRunStatus>().Select(n => n.ToUpperInvariant()))}.");
        }

        return new AutomationRunFilter(status, Text(query["template"]), Text(query["recipient"]), Time(query["from"], "from"), Time(query["to"], "to"));
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;

    private static DateTimeOffset? Time(Microsoft.Extensions.Primitives.StringValues value, string field) => value.ToString() switch
    {
        { Length: 0 } => null,
        var text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
        _ => throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must be an ISO 8601 time, e.g. 2030-01-01T09:00:00Z."),
    };

    private static AutomationBulkRetryResponse Describe(BulkOperation operation) =>
        new(operation.Id, operation.Total, operation.Processed, operation.Succeeded, operation.State.ToString().ToUpperInvariant());

    private static IResult NotFound(string runId) => ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No automation run '{runId}'.");
}
