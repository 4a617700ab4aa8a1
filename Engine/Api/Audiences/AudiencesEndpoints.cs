using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>Courier's audiences: <c>/api/audiences</c> (GET), <c>/{id}</c> (GET, PUT, DELETE), <c>/{id}/members</c> (GET).</summary>
public static class AudiencesEndpoints
{
    public static RouteGroupBuilder MapAudiences(this RouteGroupBuilder api)
    {
        var audiences = api.MapGroup("/audiences");

        audiences.MapGet("/", async (string? cursor, int? limit, AudienceService service, CancellationToken cancellationToken) =>
            {
                var page = await service.ListAsync(cursor, ListService.PageSize(limit), cancellationToken);
                return TypedResults.Ok(new AudienceListResponse(page.Items.Select(AudienceResponse.From).ToList(), new CursorPaging(page.More, page.NextCursor)));
            })
            .WithName("ListAudiences")
            .Produces<AudienceListResponse>();

        audiences.MapGet("/{audienceId}", async (string audienceId, AudienceService service, CancellationToken cancellationToken) =>
                await service.GetAsync(Id(audienceId), cancellationToken) is { } audience ? TypedResults.Ok(AudienceResponse.From(audience)) : NotFound(audienceId))
            .WithName("GetAudience")
            .Produces<AudienceResponse>();

        audiences.MapPut("/{audienceId}", (string audienceId, HttpRequest request, AudienceService service, CancellationToken cancellationToken) =>
                ApiBody.WithJsonAsync(request, required: true, async body =>
                {
                    var audience = await service.PutAsync(Id(audienceId), body, cancellationToken);
                    return TypedResults.Ok(new AudienceUpdateResponse(AudienceResponse.From(audience)));
                }))
            .WithName("PutAudience")
            .Produces<AudienceUpdateResponse>()
            .WithSummary("Create or update: {name?, description?, operator: AND|OR, filter: {filters: [...]}}; a new filter starts a calculation.");

        audiences.MapDelete("/{audienceId}", async (string audienceId, AudienceService service, CancellationToken cancellationToken) =>
                await service.DeleteAsync(Id(audienceId), cancellationToken) ? TypedResults.NoContent() : NotFound(audienceId))
            .WithName("DeleteAudience")
            .Produces(StatusCodes.Status204NoContent);

        audiences.MapGet("/{audienceId}/members", async (string audienceId, string? cursor, int? limit, AudienceService service, CancellationToken cancellationToken) =>
                await service.MembersAsync(Id(audienceId), cursor, ListService.PageSize(limit), cancellationToken) is { } page
                    ? TypedResults.Ok(new AudienceMembersResponse(page.Items.Select(AudienceMemberResponse.From).ToList(), new CursorPaging(page.More, page.NextCursor)))
                    : NotFound(audienceId))
            .WithName("ListAudienceMembers")
            .Produces<AudienceMembersResponse>();

        return api;
    }

    private static string Id(string segment) => ResourceId.Validate(ResourceId.FromPath(segment), "audience_id");

    private static IResult NotFound(string audienceId) =>
        ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No audience '{ResourceId.FromPath(audienceId)}'.", "audience_id");
}
