using System.Net;
using System.Net.Http.Headers;

namespace NotificationOps.Engine.Providers;

/// <summary>The HTTP half of DESIGN.md's Retries: which answers are worth retrying, and how long to wait.</summary>
public static class HttpResponseClassifier
{
    public const int MaxBody = 64 * 1024;

    /// <summary>408, 429 and every 5xx are transient; other 4xx are permanent.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Retry-After as delta-seconds or an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>A failure result for a non-success HTTP answer.</summary>
    public static ProviderResult Failure(HttpResponseMessage response, string body, string requestSummary, DateTimeOffset now)
    {
        var status = response.StatusCode;
        var truncated = body.Length <= MaxBody ? body : body[..MaxBody];
        var error = $"HTTP {(int)status} {response.ReasonPhrase}";
        return IsTransient(status)
            ? new ProviderResult(ProviderOutcome.TransientFailure)
            {
                ErrorClass = status == HttpStatusCode.TooManyRequests ? ErrorClasses.RateLimited : ErrorClasses.Transient,
                Error = error,
                RetryAfter = RetryAfter(response.Headers, now),
                ResponseStatus = (int)status,
                ResponseBody = truncated,
                RequestSummary = requestSummary,
            }
            : new ProviderResult(ProviderOutcome.PermanentFailure)
            {
                ErrorClass = ErrorClasses.Permanent,
                Error = error,
                ResponseStatus = (int)status,
                ResponseBody = truncated,
                RequestSummary = requestSummary,
            };
    }

    /// <summary>A transport failure (refused, reset, DNS) before any answer: transient.</summary>
    public static ProviderResult ConnectionFailure(HttpRequestException exception, string requestSummary) =>
        new(ProviderOutcome.TransientFailure)
        {
            ErrorClass = ErrorClasses.Connection,
            Error = exception.InnerException?.Message ?? exception.Message,
            RequestSummary = requestSummary,
        };
}
