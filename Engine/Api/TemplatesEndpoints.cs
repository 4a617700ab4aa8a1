using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Audit;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Validation;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Api;

/// <summary>
/// Templates: <c>GET/POST /api/templates</c>, <c>GET/PUT/DELETE /api/templates/{id}</c>, <c>POST .../publish</c>,
/// <c>GET .../versions</c>, <c>POST .../render</c>. <c>{id}</c> is the template's id or its alias.
/// </summary>
public static class TemplatesEndpoints
{
    public static RouteGroupBuilder MapTemplates(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates");

        templates.MapGet("/", async (string? search, string? tag, string? cursor, int? limit, TemplateService service, CancellationToken cancellationToken) =>
            {
                var size = Math.Clamp(limit ?? 50, 1, TemplateService.MaxPageSize);
                var page = await service.ListAsync(search, tag, cursor, size + 1, cancellationToken);
                var more = page.Count > size;
                var results = page.Take(size).ToList();
                return TypedResults.Ok(new TemplateListResponse(
                    results.Select(TemplateSummaryResponse.From).ToList(), new TemplatePaging(more, more ? results[^1].Alias : null)));
            })
            .WithName("ListTemplates")
            .Produces<TemplateListResponse>()
            .WithSummary("Templates by alias, filtered by search (name or alias) and tag; page with cursor.");

        templates.MapPost("/", (HttpRequest request, ClaimsPrincipal user, TemplateService service, CancellationToken cancellationToken) =>
                WriteAsync(request, async input =>
                {
                    var created = await service.CreateAsync(input, AuditActors.Of(user), cancellationToken);
                    return TypedResults.Created($"/api/templates/{created.Template.Id}", TemplateResponse.From(created));
                }))
            .WithName("CreateTemplate")
            .Produces<TemplateResponse>(StatusCodes.Status201Created)
            .WithSummary("Create a template: {alias, name, tags, content}. Its content is version 1, a draft until published.");

        templates.MapGet("/{id}", async (string id, TemplateService service, CancellationToken cancellationToken) =>
                await service.GetAsync(id, cancellationToken) is { } found ? TypedResults.Ok(TemplateResponse.From(found)) : NotFound(id))
            .WithName("GetTemplate")
            .Produces<TemplateResponse>();

        templates.MapPut("/{id}", (string id, HttpRequest request, ClaimsPrincipal user, TemplateService service, CancellationToken cancellationToken) =>
                WriteAsync(request, async input =>
                    await service.UpdateAsync(id, input, AuditActors.Of(user), cancellationToken) is { } updated ? TypedResults.Ok(TemplateResponse.From(updated)) : NotFound(id)))
            .WithName("UpdateTemplate")
            .Produces<TemplateResponse>()
            .WithSummary("Change alias, name, tags or content (fields left out stay); changed content becomes a new draft version.");

        templates.MapDelete("/{id}", async (string id, ClaimsPrincipal user, TemplateService service, CancellationToken cancellationToken) =>
                await service.DeleteAsync(id, AuditActors.Of(user), cancellationToken) ? TypedResults.NoContent() : NotFound(id))
            .WithName("DeleteTemplate")
            .Produces(StatusCodes.Status204NoContent);

        templates.MapPost("/{id}/publish", async (string id, ClaimsPrincipal user, TemplateService service, CancellationToken cancellationToken) =>
            {
                try
                {
                    return await service.PublishAsync(id, AuditActors.Of(user), cancellationToken) is { } published ? TypedResults.Ok(TemplateResponse.From(published)) : NotFound(id);
                }
                catch (TemplateRenderException error)
                {
                    return RenderError(error);
                }
                catch (RequestValidationException invalid)
                {
                    return Refused(invalid);
                }
            })
            .WithName("PublishTemplate")
            .Produces<TemplateResponse>()
            .Produces<TemplateErrorResponse>(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Publish the latest version: sends use it from now on. 422 with line and column when a text does not compile.");

        templates.MapGet("/{id}/versions", async (string id, TemplateService service, CancellationToken cancellationToken) =>
                await service.VersionsAsync(id, cancellationToken) is { } versions
                    ? TypedResults.Ok(new TemplateVersionsResponse(versions.Select(TemplateVersionResponse.From).ToList()))
                    : NotFound(id))
            .WithName("ListTemplateVersions")
            .Produces<TemplateVersionsResponse>()
            .WithSummary("Every version, newest first, with author, time and whether it is published.");

        templates.MapPost("/{id}/render", async (string id, HttpRequest request, TemplateService service, ContentRenderer renderer, BrandService brands,
                TemplateCatalog catalog, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
                if (error is not null)
                {
                    return error;
                }

                if (body is not JsonObject root || root["data"] is not (null or JsonObject) || root["profile"] is not (null or JsonObject))
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request",
                        "The body must be {\"data\": {...}, \"profile\": {...}, \"version\": \"draft\" | \"published\" | number}; data and profile are objects.", "body");
                }

                var found = await service.GetAsync(id, cancellationToken);
                if (found is null)
                {
                    return NotFound(id);
                }

                var (number, content, versionError) = await ChooseVersionAsync(root["version"], found, catalog, cancellationToken);
                if (versionError is not null)
                {
                    return versionError;
                }

                var previews = renderer.Preview(content!, root["data"] as JsonObject, root["profile"] as JsonObject, brands.Current);
                if (previews.FirstOrDefault(p => p.Error is not null)?.Error is { } failed)
                {
                    return RenderError(failed);
                }

                var channels = previews.ToDictionary(p => p.Channel, p => Rendered(p.Output!));
                return TypedResults.Ok(new TemplateRenderResponse(found.Template.Id, number, channels));
            })
            .WithName("RenderTemplate")
            .Produces<TemplateRenderResponse>()
            .Produces<TemplateErrorResponse>(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Render every channel of a version (default: the draft, else the published one) with data and a profile.");

        return api;
    }

    private static async Task<(int? Number, TemplateContent? Content, IResult? Error)> ChooseVersionAsync(
        JsonNode? requested, TemplateDetails found, TemplateCatalog catalog, CancellationToken cancellationToken)
    {
        switch (requested)
        {
            case null:
            case JsonValue s when s.GetValueKind() == JsonValueKind.String && s.GetValue<string>() == "draft":
                return (found.Template.LatestVersion, found.Content, null);
            case JsonValue p when p.GetValueKind() == JsonValueKind.String && p.GetValue<string>() == "published":
                return found.Published is null
                    ? (null, null, ApiError.Result(StatusCodes.Status409Conflict, "unpublished", $"Template '{found.Template.Alias}' has no published version.", "version"))
                    : (found.Template.PublishedVersion, found.Published, null);
            case JsonValue n when n.TryGetValue<int>(out var number):
                return await catalog.FindVersionAsync(found.Template.Id, number, cancellationToken) is { } pinned
                    ? (number, pinned.Content, null)
                    : (null, null, ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"Template '{found.Template.Alias}' has no version {number}.", "version"));
            default:
                return (null, null, ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "'version' must be \"draft\", \"published\" or a version number.", "version"));
        }
    }

    private static async Task<IResult> WriteAsync(HttpRequest request, Func<TemplateInput, Task<IResult>> write)
    {
        var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
        if (error is not null)
        {
            return error;
        }

        try
        {
            return await write(TemplateInput.Parse(body));
        }
        catch (RequestValidationException invalid)
        {
            return Refused(invalid);
        }
    }

    private static IResult Refused(RequestValidationException invalid) => ApiErrorMapping.ToResult(invalid);

    private static IResult NotFound(string id) =>
        ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No template with id or alias '{id}'.");

    private static IResult RenderError(TemplateRenderException error) => TypedResults.UnprocessableEntity(TemplateErrorResponse.From(error));

    private static JsonObject Rendered(RenderedContent r) => r.Channel switch
    {
        Channels.Email => new JsonObject { ["subject"] = r.Title, ["html"] = r.Html, ["text"] = r.Text },
        Channels.Push => new JsonObject { ["title"] = r.Title, ["body"] = r.Text, ["data"] = r.Data?.DeepClone() },
        Channels.Inbox => new JsonObject { ["title"] = r.Title, ["body"] = r.Text, ["action_url"] = r.ActionUrl },
        _ => new JsonObject { ["text"] = r.Text },
    };
}
