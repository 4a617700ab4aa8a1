using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>The status page over the API: components, incidents, operator updates and the history (docs/operations.md).</summary>
public static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatus(this RouteGroupBuilder api)
    {
        var status = api.MapGroup("/status");

        status.MapGet("", async (IncidentService incidents, CancellationToken cancellationToken) =>
                TypedResults.Ok(await incidents.GetStatusAsync(cancellationToken)))
            .WithName("GetStatus")
            .Produces<StatusView>();

        status.MapGet("/history", async (HttpRequest request, IncidentService incidents, CancellationToken cancellationToken) =>
            {
                var days = IncidentService.StatusDays;
                if (request.Query.TryGetValue("days", out var text) && (!int.TryParse(text, out days) || text.Count != 1))
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", $"'days' must be a whole number from 1 to {IncidentService.MaxHistoryDays}.", "days");
                }

                return Results.Ok(await incidents.HistoryAsync(days, cancellationToken));
            })
            .WithName("GetStatusHistory")
            .Produces<HistoryView>();

        status.MapPost("/incidents", async (HttpRequest request, ClaimsPrincipal user, IncidentService incidents, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
                if (error is not null)
                {
                    return error;
                }

                var input = ParseIncident(body);
                var created = await incidents.OpenAsync(input, Author(user), cancellationToken);
                return TypedResults.Created($"/api/status/incidents/{created.Id}", created);
            })
            .WithName("CreateIncident")
            .Produces<IncidentView>(StatusCodes.Status201Created);

        status.MapPost("/incidents/{id}/updates", async (string id, HttpRequest request, ClaimsPrincipal user, IncidentService incidents, CancellationToken cancellationToken) =>
            {
                if (!long.TryParse(id, out var incidentId) || incidentId <= 0)
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "The incident id must be a positive whole number.", "id");
                }

                var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
                if (error is not null)
                {
                    return error;
                }

                var root = Object(body);
                var state = Enum<IncidentStatus>(root, "status", null);
                var text = Required(root, "body");
                return Results.Ok(await incidents.AddUpdateAsync(incidentId, state, text, Author(user), cancellationToken));
            })
            .WithName("AddIncidentUpdate")
            .Produces<IncidentView>();

        return api;
    }

    private static NewIncident ParseIncident(JsonNode? body)
    {
        var root = Object(body);
        if (root["components"] is not JsonArray array || array.Any(c => c is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            throw Invalid("components", "'components' must be an array of component ids.");
        }

        var maintenance = root["maintenance"] switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            _ => throw Invalid("maintenance", "'maintenance' must be true or false."),
        };
        return new NewIncident(
            Required(root, "title"),
            Enum<IncidentImpact>(root, "impact", IncidentImpact.Minor),
            array.Select(c => c!.GetValue<string>()).ToList(),
            Enum<IncidentStatus>(root, "status", maintenance ? IncidentStatus.Identified : IncidentStatus.Investigating),
            Required(root, "body"),
            maintenance);
    }

    private static JsonObject Object(JsonNode? body) =>
        body as JsonObject ?? throw Invalid("body", "The body must be a JSON object.");

    private static string Required(JsonObject root, string field) =>
        root[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Invalid(field, $"'{field}' is required and must be a string.");

    private static T Enum<T>(JsonObject root, string field, T? fallback)
        where T : struct, Enum
    {
        if (root[field] is null && fallback is { } value)
        {
            return value;
        }

        var names = string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        if (root[field] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 && !char.IsDigit(text[0])
            && System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed))
        {
            return parsed;
        }

        throw Invalid(field, $"'{field}' must be one of {names}.");
    }

    private static string Author(ClaimsPrincipal user) => $"api key {user.Identity?.Name ?? "?"}";

    private static RequestValidationException Invalid(string field, string message) => new(ValidationErrorKind.Invalid, field, message);
}
