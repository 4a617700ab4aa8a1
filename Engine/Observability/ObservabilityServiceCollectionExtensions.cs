using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Api;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Security;
using OpenTelemetry.Metrics;

namespace NotificationOps.Engine.Observability;

/// <summary>Metrics: the engine's meter and ASP.NET Core's, exported in Prometheus format at <c>/metrics</c>.</summary>
public static class ObservabilityServiceCollectionExtensions
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddNotificationObservability(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<OperationsGauges>();
        services.AddSingleton<CpuPressure>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<ApiRequestWindow>();
        services.AddSingleton<ApiRequestLog>();
        services.AddSingleton<IStatusChangeSink, DeliveryLatencySink>();
        services.AddHostedService<ApiRequestFlusher>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(NotificationMetrics.MeterName)
            // Request rate, duration and status code per route (http.server.request.duration, label http.route).
            .AddMeter("Microsoft.AspNetCore.Hosting")
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>Counts /api answers for the API rule. Call after <c>UseNotificationErrors</c>' branch so errors are counted as answered.</summary>
    public static IApplicationBuilder UseApiRequestCounting(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), branch => branch.Use(async (context, next) =>
        {
            var window = context.RequestServices.GetRequiredService<ApiRequestWindow>();
            try
            {
                await next(context);
                window.Record(context.Response.StatusCode);
            }
            catch
            {
                window.Record(StatusCodes.Status500InternalServerError);
                throw;
            }
        }));

    /// <summary><c>/metrics</c>: an API key with the <c>metrics</c> scope, or a signed-in dashboard user.</summary>
    public static IEndpointConventionBuilder MapNotificationMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath)
            .RequireAuthorization(ApiPolicies.MetricsScrape);
}
