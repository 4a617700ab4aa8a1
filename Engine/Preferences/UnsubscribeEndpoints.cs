using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Tracking;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Preferences;

/// <summary>
/// The anonymous unsubscribe link of email sent under a topic (<c>/u/{token}</c>): GET opens the hosted preference
/// page, POST is RFC 8058's one-click opt-out of the email's topic, POST <c>/u/{token}/preferences</c> saves the page.
/// The signed token is the only credential (it names the recipient and the topic); a forged or cut one answers 404
/// and records nothing. No cookie is involved, so there is no session a cross-site form could ride on.
/// </summary>
public static class UnsubscribeEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/u").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        group.MapMethods("/{token}", [HttpMethods.Get, HttpMethods.Head], PageAsync);
        group.MapPost("/{token}", OneClickAsync);
        group.MapPost("/{token}/preferences", SaveAsync);
        // A link cut short by a mail client is a broken link, not the operators' sign-in page.
        group.MapMethods("/{**rest}", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post], () => NotFound());
        return endpoints;
    }

    private static async Task<IResult> PageAsync(string token, HttpContext context, TrackingKeyStore keys, PreferenceService preferences)
    {
        NoStore(context);
        if (await ReadAsync(token, context, keys) is not { } link)
        {
            return NotFound();
        }

        var notice = context.Request.Query.ContainsKey("saved") ? "Your preferences are saved." : null;
        return await PageResultAsync(context, token, link, preferences, notice);
    }

    /// <summary>
    /// RFC 8058: the mail client POSTs <c>List-Unsubscribe=One-Click</c> to the link. Any POST to the link opts out
    /// (the page's own button posts here too); the body is not needed to know what to do.
    /// </summary>
    private static async Task<IResult> OneClickAsync(string token, HttpContext context, TrackingKeyStore keys, PreferenceService preferences)
    {
        NoStore(context);
        if (await ReadAsync(token, context, keys) is not { } link)
        {
            return NotFound();
        }

        var current = await preferences.ForUserAsync(link.UserId, link.TopicId, context.RequestAborted);
        if (current is null)
        {
            // Deleted since the email was sent: nothing is sent under it any more, and nothing is recreated.
            return NotFound("Topic not found", "The topic of this email no longer exists: nothing more is sent under it.");
        }

        if (current.Status == PreferenceStatus.Required)
        {
            return Results.Content(
                UnsubscribePage.NotFound("Required topic", $"'{current.Topic.Name}' is required and cannot be unsubscribed from."),
                HtmlType, statusCode: StatusCodes.Status409Conflict);
        }

        await preferences.SetAsync(link.UserId, link.TopicId, PreferenceStatus.OptedOut, current.HasCustomRouting, Routing(current), context.RequestAborted);
        return await PageResultAsync(context, token, link, preferences, $"You are unsubscribed from '{current.Topic.Name}'.");
    }

    /// <summary>The page's form: every topic the recipient may change takes the box's state; REQUIRED ones are never written.</summary>
    private static async Task<IResult> SaveAsync(string token, HttpContext context, TrackingKeyStore keys, PreferenceService preferences)
    {
        NoStore(context);
        if (await ReadAsync(token, context, keys) is not { } link)
        {
            return NotFound();
        }

        if (!context.Request.HasFormContentType)
        {
            return Results.Content(UnsubscribePage.NotFound("Bad request", "The form could not be read."), HtmlType, statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var wanted = form["topic"].Where(t => t is not null).ToHashSet(StringComparer.Ordinal);
        foreach (var topic in await preferences.ForUserAsync(link.UserId, context.RequestAborted))
        {
            if (topic.Status == PreferenceStatus.Required)
            {
                continue;
            }

            var status = wanted.Contains(topic.Topic.Id) ? PreferenceStatus.OptedIn : PreferenceStatus.OptedOut;
            if (status != topic.Status)
            {
                await preferences.SetAsync(link.UserId, topic.Topic.Id, status, topic.HasCustomRouting, Routing(topic), context.RequestAborted);
            }
        }

        return Results.Redirect($"{context.Request.PathBase}{UnsubscribeLinks.PagePrefix}{token}?saved=1", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> PageResultAsync(HttpContext context, string token, UnsubscribeToken link, PreferenceService preferences, string? notice)
    {
        var topics = await preferences.ForUserAsync(link.UserId, context.RequestAborted);
        var html = UnsubscribePage.Preferences($"{context.Request.PathBase}{UnsubscribeLinks.PagePrefix}{token}", link.TopicId, topics, notice);
        return Results.Content(html, HtmlType);
    }

    private static async Task<UnsubscribeToken?> ReadAsync(string token, HttpContext context, TrackingKeyStore keys) =>
        UnsubscribeToken.Read(await keys.GetKeyAsync(context.RequestAborted), token);

    private static string? Routing(TopicPreferenceView topic) => topic.HasCustomRouting ? string.Join(',', topic.CustomRouting) : null;

    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";

    private static IResult NotFound(string title = "Link not found", string text = "This link is not valid. It may have been copied incompletely.") =>
        Results.Content(UnsubscribePage.NotFound(title, text), HtmlType, statusCode: StatusCodes.Status404NotFound);
}
