using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Api;

/// <summary>
/// The one error handler for /api and /webhooks (docs/errors.md): whatever an endpoint throws, and whatever error
/// status leaves without a body (405 from routing, a bare 404 or 413), answers as JSON <see cref="ApiError"/> —
/// never the dashboard's HTML error page, never a redirect to its login.
/// </summary>
public sealed class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    /// <summary>Seconds a client should wait before retrying after a storage fault.</summary>
    public const int StorageRetryAfterSeconds = 5;

    public static bool Handles(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/webhooks");

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client has gone: nobody to answer
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var (status, error) = Describe(ex);
            if (status >= StatusCodes.Status500InternalServerError)
            {
                logger.Log(status == StatusCodes.Status503ServiceUnavailable ? LogLevel.Warning : LogLevel.Error, ex,
                    "{Method} {Path} failed: {Type}", context.Request.Method, context.Request.Path, error.Type);
            }

            context.Response.Clear();
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = StorageRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteAsync(context, status, error);
            return;
        }

        if (context.Response.StatusCode >= StatusCodes.Status400BadRequest && !context.Response.HasStarted
            && context.Response.ContentLength is null && context.Response.ContentType is null)
        {
            var status = context.Response.StatusCode;
            await WriteAsync(context, status, new ApiError(TypeOf(status), $"{context.Request.Method} {context.Request.Path}: {ReasonOf(status)}."));
        }
    }

    private static (int Status, ApiError Error) Describe(Exception ex) =>
        ApiErrorMapping.TryDescribe(ex, out var status, out var error) ? (status, error)
        : StorageFaults.IsStorageFault(ex) ? (StatusCodes.Status503ServiceUnavailable, new ApiError("storage_unavailable",
            $"The database cannot take this request right now; nothing was stored. Retry in {StorageRetryAfterSeconds} s."))
        : (StatusCodes.Status500InternalServerError, new ApiError("internal_error", "An unexpected error; it has been logged."));

    private static Task WriteAsync(HttpContext context, int status, ApiError error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(error, context.RequestAborted);
    }

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "invalid_content_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        >= 500 => "internal_error",
        _ => "invalid_request",
    };

    private static string ReasonOf(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "error";
}
