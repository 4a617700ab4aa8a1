using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// The anonymous open pixel (<c>/t/o/{token}.gif</c>) and click redirect (<c>/t/c/{token}</c>). Both answer only
/// after the hit is committed. The redirect target is always the stored URL, never anything from the request.
/// </summary>
public static class TrackingEndpoints
{
    /// <summary>A 1×1 transparent GIF, 43 bytes.</summary>
    public static readonly byte[] Pixel =
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    /// <summary>Set to <c>1</c> (environment) for the benchmark's bare pixel endpoint; never set in production.</summary>
    public const string BenchBareEndpointVariable = "NOPS_BENCH_BARE_ENDPOINT";

    private const string NotFoundPage =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Link not found</title></head>"
        + "<body><h1>Link not found</h1><p>This link is not valid. It may have been copied incompletely.</p></body></html>";

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/t").AllowAnonymous().ExcludeFromDescription();
        group.MapMethods("/o/{token}.gif", [HttpMethods.Get, HttpMethods.Head], OpenAsync);
        group.MapMethods("/c/{token}", [HttpMethods.Get, HttpMethods.Head], ClickAsync);
        // A link cut short by a mail client (/t/c/, /t/c//x, /t/o/x) is a broken link, not a dashboard page: the
        // recipient sees "Link not found" instead of the operators' sign-in page.
        group.MapMethods("/{**rest}", [HttpMethods.Get, HttpMethods.Head], () => LinkNotFound());
        // Other methods are a client's mistake, answered as such, not a redirect to the operators' sign-in page.
        group.MapMethods("/{**rest}", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], (HttpContext context) =>
        {
            context.Response.Headers.Allow = "GET, HEAD";
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        });
        if (endpoints.ServiceProvider.GetRequiredService<IConfiguration>()[BenchBareEndpointVariable] == "1")
        {
            // The benchmark's reference: the same answer with nothing recorded.
            group.MapGet("/bare/{token}.gif", (HttpContext context) => PixelResult(context));
        }

        return endpoints;
    }

    private static IResult LinkNotFound() => Results.Content(NotFoundPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> OpenAsync(string token, HttpContext context, TrackingKeyStore keys, TrackingHitWriter writer, ClientAddressResolver addresses, TimeProvider time)
    {
        // Same answer for any token: a pixel reveals nothing about which tokens are real.
        if (TrackingToken.Read(await keys.GetKeyAsync(context.RequestAborted), token) is { Kind: TrackingHitKind.Open } open)
        {
            await writer.WriteAsync(NewHit(open, context, addresses, time, HitVerdict.Human));
        }

        return PixelResult(context);
    }

    private static async Task<IResult> ClickAsync(
        string token, HttpContext context, TrackingKeyStore keys, TrackingHitWriter writer, ClientAddressResolver addresses,
        IDbContextFactory<NotificationsDbContext> dbFactory, TimeProvider time)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (TrackingToken.Read(await keys.GetKeyAsync(context.RequestAborted), token) is not { Kind: TrackingHitKind.Click } click)
        {
            return LinkNotFound();
        }

        TrackedLink? link;
        await using (var db = await dbFactory.CreateDbContextAsync(context.RequestAborted))
        {
            link = await db.TrackedLinks.AsNoTracking()
                .FirstOrDefaultAsync(l => l.MessageId == click.MessageId && l.LinkId == click.LinkId, context.RequestAborted);
        }

        if (link is null)
        {
            return LinkNotFound();
        }

        var honeypot = link.Kind == TrackedLinkKind.Honeypot;
        await writer.WriteAsync(NewHit(click, context, addresses, time, honeypot ? HitVerdict.MachineBecause("honeypot link") : HitVerdict.Human));
        return honeypot ? Results.NoContent() : Results.Redirect(link.Url, permanent: false);
    }

    private static IResult PixelResult(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(Pixel, "image/gif");
    }

    private static TrackingHit NewHit(TrackingToken token, HttpContext context, ClientAddressResolver addresses, TimeProvider time, HitVerdict known)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var client = addresses.Resolve(context);
        var verdict = known.Machine ? known : MachineHitClassifier.Classify(context.Request.Method, userAgent, client);
        return new TrackingHit
        {
            MessageId = token.MessageId,
            Kind = token.Kind,
            LinkId = token.LinkId,
            At = time.GetUtcNow(),
            Method = context.Request.Method,
            UserAgent = userAgent.Length <= 512 ? userAgent : userAgent[..512],
            ClientIp = client?.ToString(),
            Machine = verdict.Machine,
            MachineReason = verdict.Reason,
            Proxied = verdict.Proxied,
        };
    }
}
