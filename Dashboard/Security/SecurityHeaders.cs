using System.Security.Cryptography;

namespace NotificationOps.Dashboard.Security;

/// <summary>
/// Headers every response carries — the dashboard, /hangfire, /api-reference and the rest: a Content-Security-Policy
/// that keeps other sites from framing the app (clickjacking) and this app's pages from loading others' code or
/// running inline scripts, <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: strict-origin-when-cross-origin</c>.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceItem = "csp-nonce";

    private const string Rest =
        "style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: https:; "
        + "font-src 'self' data:; "
        + "connect-src 'self'; "
        + "worker-src 'self' blob:; "
        + "frame-src 'self'; "
        + "frame-ancestors 'self'; "
        + "form-action 'self'; "
        + "base-uri 'self'; "
        + "object-src 'none'";

    /// <summary>Paths whose pages are written by libraries that put their own inline scripts in them.</summary>
    private static readonly PathString[] InlineScriptPaths = ["/hangfire", "/api-reference"];

    /// <summary>
    /// The policy of a response. Scripts come only from this origin; the one inline script of our own pages, Blazor's
    /// import map, carries the response's nonce (<see cref="Nonce"/>), so an injected inline script does not run.
    /// The Hangfire dashboard and Scalar's API reference write inline scripts of their own and keep
    /// <c>'unsafe-inline'</c>. Styles allow inline (MudBlazor and Monaco set style attributes); Monaco runs its
    /// workers from blob URLs; images may come from anywhere over HTTPS, as message previews (sandboxed srcdoc
    /// frames, which inherit this policy) show recipients' images.
    /// </summary>
    public static string ContentSecurityPolicy(PathString path, string nonce) =>
        "default-src 'self'; "
        + (InlineScriptPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            ? "script-src 'self' 'unsafe-inline'; "
            : $"script-src 'self' 'nonce-{nonce}'; ")
        + Rest;

    /// <summary>This response's script nonce: fresh for every response, 128 random bits.</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceItem] is not string nonce)
        {
            nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceItem] = nonce;
        }

        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Taken now: the Hangfire dashboard moves its prefix from the path to the path base on the way in.
            var path = context.Request.PathBase.Add(context.Request.Path);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(path, Nonce(context));
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
