using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>
/// Courier's user preferences: <c>GET /api/users/{user_id}/preferences</c>, <c>GET/PUT .../preferences/{topic_id}</c>;
/// and ours, <c>/api/preferences/topics</c>, to define topics (Courier does that in its UI). <c>tenant_id</c> is accepted
/// and ignored: there are no tenants here.
/// </summary>
public static class UserPreferencesEndpoints
{
    public static RouteGroupBuilder MapUserPreferences(this RouteGroupBuilder api)
    {
        var preferences = api.MapGroup("/users/{userId}/preferences");

        preferences.MapGet("/", async (string userId, string? tenant_id, PreferenceService service, CancellationToken cancellationToken) =>
            {
                var views = await service.ForUserAsync(ListsEndpoints.UserId(userId), cancellationToken);
                return TypedResults.Ok(new UserPreferencesResponse(views.Select(TopicPreferenceResponse.From).ToList(), new CursorPaging(false, null)));
            })
            .WithName("GetUserPreferences")
            .Produces<UserPreferencesResponse>();

        preferences.MapGet("/{topicId}", async (string userId, string topicId, string? tenant_id, PreferenceService service, CancellationToken cancellationToken) =>
                await service.ForUserAsync(ListsEndpoints.UserId(userId), TopicId(topicId), cancellationToken) is { } view
                    ? TypedResults.Ok(new UserTopicPreferenceResponse(TopicPreferenceResponse.From(view)))
                    : TopicNotFound(topicId))
            .WithName("GetUserTopicPreference")
            .Produces<UserTopicPreferenceResponse>();

        preferences.MapPut("/{topicId}", (string userId, string topicId, string? tenant_id, HttpRequest request, PreferenceService service, CancellationToken cancellationToken) =>
                ApiBody.WithJsonAsync(request, required: true, async body =>
                {
                    var (user, topic) = (ListsEndpoints.UserId(userId), TopicId(topicId));
                    var (status, hasCustom, routing) = PreferenceRequests.ReadTopicPreference(body);
                    await service.SetAsync(user, topic, status, hasCustom, routing, cancellationToken);
                    return TypedResults.Ok(new PreferenceUpdateResponse("success"));
                }))
            .WithName("PutUserTopicPreference")
            .Produces<PreferenceUpdateResponse>()
            .WithSummary("Set the user's status for a topic: {topic: {status, has_custom_routing?, custom_routing?}}; an unknown topic is created (default OPTED_IN).");

        return api;
    }

    public static RouteGroupBuilder MapTopics(this RouteGroupBuilder api)
    {
        var topics = api.MapGroup("/preferences/topics");

        topics.MapGet("/", async (PreferenceService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(new TopicListResponse((await service.TopicsAsync(cancellationToken)).Select(TopicResponse.From).ToList())))
            .WithName("ListTopics")
            .Produces<TopicListResponse>();

        topics.MapGet("/{topicId}", async (string topicId, PreferenceService service, CancellationToken cancellationToken) =>
                await service.TopicAsync(TopicId(topicId), cancellationToken) is { } topic ? TypedResults.Ok(TopicResponse.From(topic)) : TopicNotFound(topicId))
            .WithName("GetTopic")
            .Produces<TopicResponse>();

        topics.MapPut("/{topicId}", (string topicId, HttpRequest request, PreferenceService service, CancellationToken cancellationToken) =>
                ApiBody.WithJsonAsync(request, required: true, async body =>
                {
                    var id = TopicId(topicId);
                    await service.UpsertTopicAsync(id, PreferenceRequests.ReadTopic(body), cancellationToken);
                    return TypedResults.Ok(TopicResponse.From((await service.TopicAsync(id, cancellationToken))!));
                }))
            .WithName("PutTopic")
            .Produces<TopicResponse>()
            .WithSummary("Create or change a topic: {name, section?, default_status: OPTED_IN|OPTED_OUT|REQUIRED, default_channels?}.");

        topics.MapDelete("/{topicId}", async (string topicId, PreferenceService service, CancellationToken cancellationToken) =>
                await service.DeleteTopicAsync(TopicId(topicId), cancellationToken) ? TypedResults.NoContent() : TopicNotFound(topicId))
            .WithName("DeleteTopic")
            .Produces(StatusCodes.Status204NoContent);

        return api;
    }

    private static string TopicId(string segment) => ResourceId.Validate(ResourceId.FromPath(segment), "topic_id");

    private static IResult TopicNotFound(string topicId) =>
        ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No topic '{ResourceId.FromPath(topicId)}'.", "topic_id");
}
