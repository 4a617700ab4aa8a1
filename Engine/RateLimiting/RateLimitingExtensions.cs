using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Api;
using NotificationOps.Engine.Tracking;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter over <c>/api</c> (per API key), tracking and <c>/webhooks</c> (per client address),
/// plus the <see cref="SignInPolicy"/> a sign-in endpoint opts into. A refusal is 429 with Retry-After; under
/// <c>/api</c> and <c>/webhooks</c> its body is the API's JSON error.
/// </summary>
public static class RateLimitingExtensions
{
    /// <summary>The policy name for sign-in endpoints: attempts per minute per client address.</summary>
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddNotificationRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, ClientAddressResolver>((options, limits, addresses) =>
        {
            var settings = limits.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings, addresses));
            options.AddPolicy(SignInPolicy, context => settings.SignInPerMinute == 0
                ? RateLimitPartition.GetNoLimiter("sign-in")
                : RateLimitPartition.GetFixedWindowLimiter("sign-in:" + Client(context, addresses), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.SignInPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    public static IApplicationBuilder UseNotificationRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions settings, ClientAddressResolver addresses)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api"))
        {
            return Bucket("api:" + ApiKeyOf(context, addresses), settings.ApiPerSecond, settings.ApiBurst);
        }

        // The unsubscribe link shares the tracking links' per-address budget: the same mail clients and scanners fetch both.
        if (path.StartsWithSegments("/t") || path.StartsWithSegments("/u"))
        {
            return Bucket("t:" + Client(context, addresses), settings.TrackingPerSecond, settings.TrackingBurst);
        }

        if (path.StartsWithSegments("/webhooks"))
        {
            return Bucket("webhooks:" + Client(context, addresses), settings.WebhooksPerSecond, settings.WebhooksBurst);
        }

        return RateLimitPartition.GetNoLimiter("");
    }

    private static RateLimitPartition<string> Bucket(string key, int perSecond, int burst) =>
        perSecond == 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(burst, 1),
                // Refilled ten times a second (or once per token below 10 a second) rather than once a second, so a
                // client at the limit is not let through in lumps.
                TokensPerPeriod = Math.Max(perSecond / 10, 1),
                ReplenishmentPeriod = perSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1.0 / perSecond),
                QueueLimit = 0,
                AutoReplenishment = true,
            });

    /// <summary>
    /// The bearer key itself, hashed (the limiter's table must not hold secrets): partitioning needs no database
    /// look-up, and an invalid key only spends its own bucket before authentication refuses it.
    /// </summary>
    private static string ApiKeyOf(HttpContext context, ClientAddressResolver addresses)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.Length == 0
            ? "ip:" + Client(context, addresses)
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
    }

    private static string Client(HttpContext context, ClientAddressResolver addresses) => addresses.Resolve(context)?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/webhooks"))
        {
            await ApiError.Result(StatusCodes.Status429TooManyRequests, "rate_limited",
                "Too many requests; retry after the number of seconds in Retry-After.").ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Too many requests; try again shortly.", cancellationToken);
    }
}
