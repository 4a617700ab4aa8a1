using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Api;

/// <summary><c>/api/keys</c>: list, create (with scopes) and revoke API keys. Needs the <c>admin</c> scope.</summary>
public static class ApiKeysEndpoints
{
    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys");

        keys.MapGet("/", async (ApiKeyService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(new ApiKeyListResponse((await service.ListAsync(cancellationToken)).Select(ApiKeyResponse.From).ToList())))
            .WithName("ListApiKeys")
            .WithSummary("Every API key, revoked ones included; never a secret.");

        keys.MapPost("/", async (HttpRequest request, ClaimsPrincipal user, ApiKeyService service, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
                if (error is not null)
                {
                    return error;
                }

                if (body is not JsonObject root || root["name"] is not JsonValue nameValue
                    || !nameValue.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name) || name.Length > 200)
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "'name' must be a string of 1 to 200 characters.", "name");
                }

                if (root["scopes"] is not JsonArray array || array.Any(s => s is not JsonValue v || !v.TryGetValue<string>(out _)))
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request",
                        $"'scopes' must be an array of scope names ({string.Join(", ", ApiScopes.All)}).", "scopes");
                }

                try
                {
                    var created = await service.CreateAsync(name, $"api key {user.Identity?.Name}",
                        array.Select(s => s!.GetValue<string>()).ToList(), cancellationToken);
                    return TypedResults.Created($"/api/keys/{created.Key.Id}", ApiKeyResponse.From(created.Key) with { Secret = created.Secret });
                }
                catch (ArgumentException ex)
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", ex.Message.Split(" (Parameter")[0], "scopes");
                }
            })
            .WithName("CreateApiKey")
            .Produces<ApiKeyResponse>(StatusCodes.Status201Created)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("Create a key with the chosen scopes; the secret is in this answer only.");

        keys.MapDelete("/{id:guid}", async (Guid id, ApiKeyService service, CancellationToken cancellationToken) =>
                await service.RevokeAsync(id, cancellationToken)
                    ? Results.NoContent()
                    : ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No active API key with id '{id}'."))
            .WithName("RevokeApiKey")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        return api;
    }
}
