namespace NotificationOps.Dashboard.Security;

/// <summary>
/// Headers every response carries — the dashboard, /hangfire, /api-reference and the rest: a Content-Security-Policy
/// that keeps other sites from framing the app (clickjacking) and this app's pages from loading others' code,
/// <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: strict-origin-when-cross-origin</c>.
/// </summary>
public static class SecurityHeaders
{
    /// <remarks>
    /// Scripts come only from this origin, but inline scripts stay allowed: Blazor's import map, the Hangfire
    /// dashboard and Scalar's API reference each write one. Styles allow inline (MudBlazor and Monaco set style
    /// attributes); Monaco runs its workers from blob URLs; images may come from anywhere over HTTPS, as message
    /// previews (sandboxed srcdoc frames, which inherit this policy) show recipients' images.
    /// </remarks>
    public const string ContentSecurityPolicy =
        "default-src 'self'; "
        + "script-src 'self' 'unsafe-inline'; "
        + "style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: https:; "
        + "font-src 'self' data:; "
        + "connect-src 'self'; "
        + "worker-src 'self' blob:; "
        + "frame-src 'self'; "
        + "frame-ancestors 'self'; "
        + "form-action 'self'; "
        + "base-uri 'self'; "
        + "object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
