using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Bulk;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>
/// Courier's bulk API: <c>POST /api/bulk</c> (create), <c>POST /api/bulk/{job_id}</c> (ingest users), <c>GET /api/bulk/{job_id}</c>,
/// <c>GET /api/bulk/{job_id}/users</c>; and, mapped apart because it sends, <c>POST /api/bulk/{job_id}/run</c>.
/// </summary>
public static class BulkEndpoints
{
    /// <summary>Create, ingest and the reads (scopes: manage to write, read to read).</summary>
    public static RouteGroupBuilder MapBulk(this RouteGroupBuilder api)
    {
        var bulk = api.MapGroup("/bulk");

        bulk.MapPost("/", (HttpRequest request, BulkService service, CancellationToken cancellationToken) =>
                ApiBody.WithJsonAsync(request, required: true, async body =>
                    TypedResults.Ok(new BulkCreateResponse(await service.CreateAsync(BulkRequests.ReadDefinition(body), cancellationToken)))))
            .WithName("CreateBulkJob")
            .Produces<BulkCreateResponse>()
            .WithSummary("Create a bulk job: {message: {event, template?, content?, brand?, data?, locale?, override?}}.");

        bulk.MapPost("/{jobId}", (string jobId, HttpRequest request, BulkService service, CancellationToken cancellationToken) =>
                ApiBody.WithJsonAsync(request, required: true, async body =>
                {
                    if (await service.GetAsync(JobId(jobId), cancellationToken) is not { } job)
                    {
                        return NotFound(jobId);
                    }

                    var users = BulkRequests.ReadUsers(body, System.Text.Json.Nodes.JsonNode.Parse(job.DefinitionJson)!.AsObject());
                    return await service.AddUsersAsync(job.Id, users, cancellationToken)
                        ? TypedResults.NoContent()
                        : ApiError.Result(StatusCodes.Status409Conflict, "conflict", $"Bulk job '{job.Id}' has been run: it takes no more users.", "job_id");
                }))
            .WithName("AddBulkUsers")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Add users to a job that has not run: {users: [{profile?, recipient?, to?, data?, preferences?}]}, at most 1000 a call.");

        bulk.MapGet("/{jobId}", async (string jobId, BulkService service, CancellationToken cancellationToken) =>
                await service.GetAsync(JobId(jobId), cancellationToken) is { } job ? TypedResults.Ok(new BulkJobResponse(BulkJobBody.From(job))) : NotFound(jobId))
            .WithName("GetBulkJob")
            .Produces<BulkJobResponse>();

        bulk.MapGet("/{jobId}/users", async (string jobId, string? cursor, int? limit, BulkService service, CancellationToken cancellationToken) =>
            {
                if (await service.GetAsync(JobId(jobId), cancellationToken) is not { } job)
                {
                    return NotFound(jobId);
                }

                var (items, more, next) = await service.UsersAsync(job.Id, cursor, ListService.PageSize(limit), cancellationToken);
                return TypedResults.Ok(new BulkUsersResponse(items.Select(BulkUserResponse.From).ToList(), new CursorPaging(more, next)));
            })
            .WithName("ListBulkUsers")
            .Produces<BulkUsersResponse>();

        return api;
    }

    /// <summary><c>POST /api/bulk/{job_id}/run</c> (scope: send). No body: the SDK sends none. 204 at once: the run goes on in a job.</summary>
    public static RouteGroupBuilder MapBulkRun(this RouteGroupBuilder api)
    {
        api.MapPost("/bulk/{jobId}/run", async (string jobId, BulkService service, CancellationToken cancellationToken) =>
            {
                if (await service.GetAsync(JobId(jobId), cancellationToken) is not { } job)
                {
                    return NotFound(jobId);
                }

                await service.RunAsync(job.Id, cancellationToken);
                return TypedResults.NoContent();
            })
            .WithName("RunBulkJob")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Run the job: each user's message is sent; a second run changes nothing.");
        return api;
    }

    private static string JobId(string segment) => ResourceId.Validate(ResourceId.FromPath(segment), "job_id");

    private static IResult NotFound(string jobId) =>
        ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No bulk job '{ResourceId.FromPath(jobId)}'.", "job_id");
}
