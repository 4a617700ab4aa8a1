using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Api;

/// <summary>Courier's profiles: GET, POST (merge), PUT (replace), DELETE <c>/api/profiles/{user_id}</c>.</summary>
public static class ProfilesEndpoints
{
    public static RouteGroupBuilder MapProfiles(this RouteGroupBuilder api)
    {
        var profiles = api.MapGroup("/profiles");

        profiles.MapGet("/{userId}", async (string userId, ProfileService service, CancellationToken cancellationToken) =>
                await service.GetAsync(userId, cancellationToken) is { } profile
                    ? TypedResults.Ok(new ProfileResponse(profile, null))
                    : ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No profile for user '{userId}'."))
            .WithName("GetProfile")
            .Produces<ProfileResponse>();

        profiles.MapPost("/{userId}", (string userId, HttpRequest request, ProfileService service, CancellationToken cancellationToken) =>
                WriteAsync(userId, request, (profile, ct) => service.MergeAsync(userId, profile, ct), cancellationToken))
            .WithName("MergeProfile")
            .Produces<ProfileWriteResponse>()
            .WithSummary("Merge the given keys into the profile, creating it if needed.");

        profiles.MapPut("/{userId}", (string userId, HttpRequest request, ProfileService service, CancellationToken cancellationToken) =>
                WriteAsync(userId, request, (profile, ct) => service.ReplaceAsync(userId, profile, ct), cancellationToken))
            .WithName("ReplaceProfile")
            .Produces<ProfileWriteResponse>()
            .WithSummary("Replace the whole profile: keys not sent are removed.");

        profiles.MapDelete("/{userId}", async (string userId, ProfileService service, CancellationToken cancellationToken) =>
                await service.DeleteAsync(userId, cancellationToken)
                    ? TypedResults.NoContent()
                    : ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No profile for user '{userId}'."))
            .WithName("DeleteProfile")
            .Produces(StatusCodes.Status204NoContent);

        return api;
    }

    private static async Task<IResult> WriteAsync(string userId, HttpRequest request, Func<JsonObject, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > 256)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "The user id must be 1 to 256 characters.", "user_id");
        }

        var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
        if (error is not null)
        {
            return error;
        }

        if (body is not JsonObject root || root["profile"] is not JsonObject profile)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "The body must be {\"profile\": {...}}.", "profile");
        }

        ProfileService.Validate(profile, "profile"); // throws RequestValidationException, answered by ApiExceptionMiddleware

        await write(profile, cancellationToken);
        return TypedResults.Ok(new ProfileWriteResponse("SUCCESS"));
    }
}
