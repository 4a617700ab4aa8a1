using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>
/// Courier's lists: <c>/api/lists</c> (GET with cursor and pattern), <c>/api/lists/{list_id}</c> (GET, PUT, DELETE),
/// <c>.../restore</c>, and <c>.../subscriptions</c> (GET, POST add, PUT replace, PUT/DELETE one user).
/// </summary>
public static class ListsEndpoints
{
    public static RouteGroupBuilder MapLists(this RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/lists");

        lists.MapGet("/", async (string? cursor, string? pattern, int? limit, ListService service, CancellationToken cancellationToken) =>
            {
                var page = await service.ListAsync(pattern, cursor, ListService.PageSize(limit), cancellationToken);
                return TypedResults.Ok(new ListListResponse(page.Items.Select(ListResponse.From).ToList(), new CursorPaging(page.More, page.NextCursor)));
            })
            .WithName("ListLists")
            .Produces<ListListResponse>()
            .WithSummary("Lists by id; pattern: dot-separated parts, '*' one part, '**' the rest.");

        lists.MapGet("/{listId}", async (string listId, ListService service, CancellationToken cancellationToken) =>
                await service.GetAsync(ListId(listId), cancellationToken) is { } list ? TypedResults.Ok(ListResponse.From(list)) : NotFound(listId))
            .WithName("GetList")
            .Produces<ListResponse>();

        lists.MapPut("/{listId}", (string listId, HttpRequest request, ListService service, CancellationToken cancellationToken) =>
                ApiBody.WithJsonAsync(request, required: true, async body =>
                {
                    var id = ListId(listId);
                    var (name, preferences) = ListRequests.ReadListUpdate(body);
                    await service.UpsertAsync(id, name, preferences, cancellationToken);
                    return TypedResults.NoContent();
                }))
            .WithName("PutList")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Create the list or rename it: {name, preferences?}.");

        lists.MapDelete("/{listId}", async (string listId, ListService service, CancellationToken cancellationToken) =>
                await service.DeleteAsync(ListId(listId), cancellationToken) ? TypedResults.NoContent() : NotFound(listId))
            .WithName("DeleteList")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Archive the list; PUT .../restore brings it back with its subscribers.");

        lists.MapPut("/{listId}/restore", async (string listId, ListService service, CancellationToken cancellationToken) =>
                await service.RestoreAsync(ListId(listId), cancellationToken) ? TypedResults.NoContent() : NotFound(listId))
            .WithName("RestoreList")
            .Produces(StatusCodes.Status204NoContent);

        lists.MapGet("/{listId}/subscriptions", async (string listId, string? cursor, int? limit, ListService service, CancellationToken cancellationToken) =>
                await service.SubscribersAsync(ListId(listId), cursor, ListService.PageSize(limit), cancellationToken) is { } page
                    ? TypedResults.Ok(new ListSubscriptionsResponse(page.Items.Select(ListSubscriptionResponse.From).ToList(), new CursorPaging(page.More, page.NextCursor)))
                    : NotFound(listId))
            .WithName("ListSubscriptions")
            .Produces<ListSubscriptionsResponse>();

        lists.MapPost("/{listId}/subscriptions", (string listId, HttpRequest request, ListService service, CancellationToken cancellationToken) =>
                AddAsync(listId, request, service, replace: false, cancellationToken))
            .WithName("AddListSubscriptions")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Subscribe recipients, creating the list if needed: {recipients: [{recipientId, preferences?}]}.");

        lists.MapPut("/{listId}/subscriptions", (string listId, HttpRequest request, ListService service, CancellationToken cancellationToken) =>
                AddAsync(listId, request, service, replace: true, cancellationToken))
            .WithName("ReplaceListSubscriptions")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Replace all subscribers of the list with the given recipients.");

        lists.MapPut("/{listId}/subscriptions/{userId}", (string listId, string userId, HttpRequest request, ListService service, CancellationToken cancellationToken) =>
                ApiBody.WithJsonAsync(request, required: false, async body =>
                {
                    var (list, user) = (ListId(listId), UserId(userId));
                    var preferences = ListRequests.ReadUserSubscription(body);
                    await service.AddSubscribersAsync(list, [new ListRecipient(user, preferences)], replace: false, cancellationToken);
                    return TypedResults.NoContent();
                }))
            .WithName("SubscribeListUser")
            .Produces(StatusCodes.Status204NoContent);

        lists.MapDelete("/{listId}/subscriptions/{userId}", async (string listId, string userId, ListService service, CancellationToken cancellationToken) =>
                await service.UnsubscribeAsync(ListId(listId), UserId(userId), cancellationToken)
                    ? TypedResults.NoContent()
                    : ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"User '{ResourceId.FromPath(userId)}' is not subscribed to list '{ResourceId.FromPath(listId)}'."))
            .WithName("UnsubscribeListUser")
            .Produces(StatusCodes.Status204NoContent);

        return api;
    }

    /// <summary>The list id from the path, decoded and checked (400 on <c>list_id</c>).</summary>
    public static string ListId(string segment) => ResourceId.Validate(ResourceId.FromPath(segment), "list_id");

    public static string UserId(string segment) => ResourceId.Validate(ResourceId.FromPath(segment), "user_id");

    private static Task<IResult> AddAsync(string listId, HttpRequest request, ListService service, bool replace, CancellationToken cancellationToken) =>
        ApiBody.WithJsonAsync(request, required: true, async body =>
        {
            var id = ListId(listId);
            var recipients = ListRequests.ReadRecipients(body);
            await service.AddSubscribersAsync(id, recipients, replace, cancellationToken);
            return TypedResults.NoContent();
        });

    private static IResult NotFound(string listId) =>
        ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No list '{ResourceId.FromPath(listId)}'.", "list_id");
}
