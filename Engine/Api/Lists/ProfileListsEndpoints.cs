using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Engine.Api;

/// <summary>Courier's <c>/api/profiles/{user_id}/lists</c>: GET the user's lists, POST subscribe to lists, DELETE from all.</summary>
public static class ProfileListsEndpoints
{
    public static RouteGroupBuilder MapProfileLists(this RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/profiles/{userId}/lists");

        lists.MapGet("/", async (string userId, string? cursor, int? limit, ListService service, CancellationToken cancellationToken) =>
            {
                var page = await service.ProfileListsAsync(ListsEndpoints.UserId(userId), cursor, ListService.PageSize(limit), cancellationToken);
                return TypedResults.Ok(new ProfileListsResponse(page.Items.Select(ProfileListResponse.From).ToList(), new CursorPaging(page.More, page.NextCursor)));
            })
            .WithName("GetProfileLists")
            .Produces<ProfileListsResponse>();

        lists.MapPost("/", (string userId, HttpRequest request, ListService service, CancellationToken cancellationToken) =>
                ApiBody.WithJsonAsync(request, required: true, async body =>
                {
                    var user = ListsEndpoints.UserId(userId);
                    var choices = ListRequests.ReadListChoices(body);
                    await service.SubscribeToListsAsync(user, choices, cancellationToken);
                    return TypedResults.Ok(new ProfileWriteResponse("SUCCESS"));
                }))
            .WithName("SubscribeProfileToLists")
            .Produces<ProfileWriteResponse>()
            .WithSummary("Subscribe the user to lists (created when missing): {lists: [{listId, preferences?}]}.");

        lists.MapDelete("/", async (string userId, ListService service, CancellationToken cancellationToken) =>
            {
                await service.UnsubscribeFromAllAsync(ListsEndpoints.UserId(userId), cancellationToken);
                return TypedResults.Ok(new ProfileWriteResponse("SUCCESS"));
            })
            .WithName("UnsubscribeProfileFromAllLists")
            .Produces<ProfileWriteResponse>();

        return api;
    }
}
