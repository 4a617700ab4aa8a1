using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NotificationOps.Engine.Api;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Audit;
using NotificationOps.Engine.Bulk;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Health;
using NotificationOps.Engine.Hosting;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Observability;
using Microsoft.AspNetCore.Http;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Operations;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Retention;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.RateLimiting;
using NotificationOps.Engine.Providers.Simulated;
using NotificationOps.Engine.Providers.Smtp;
using NotificationOps.Engine.Providers.Webhook;
using NotificationOps.Engine.Providers.Webhooks;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tracking;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>Everything that is not a page: the store, identity, API keys, jobs, health and the API description.</summary>
    public static IHostApplicationBuilder AddNotificationEngine(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        // Registered first so it starts first: the data-protection key ring, the job server and the web server
        // all read the store, and none of them may do so before its schema is current.
        services.AddHostedService<EngineInitializer>();

        var database = builder.AddNotificationPersistence();

        // Cookies and stored provider secrets are protected with keys kept in our own store, so they survive
        // restarts and move with the database; a configured certificate encrypts those keys at rest.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("NotificationOps")
            .PersistKeysToDbContext<NotificationsDbContext>();
        var keyProtection = builder.Configuration.GetSection(KeyProtectionOptions.SectionName).Get<KeyProtectionOptions>();
        if (keyProtection?.LoadCertificate(builder.Environment.ContentRootPath) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        services.AddIdentityCore<IdentityUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<NotificationsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName);
        services.AddSingleton<ApiKeyService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<BootstrapInitializer>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            // A client generator fetches the OpenAPI document with its API key; a person, signed in to the dashboard.
            .AddPolicyScheme(ApiPolicies.ApiKeyOrDashboard, null, options => options.ForwardDefaultSelector = KeyOrSignIn)
            .AddPolicyScheme(ApiPolicies.MetricsScheme, null, options =>
            {
                options.ForwardDefaultSelector = KeyOrSignIn;
                options.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.ApiKey, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(ApiPolicies.ApiKeyOrDashboard, policy => policy
                .AddAuthenticationSchemes(ApiPolicies.ApiKeyOrDashboard)
                .RequireAuthenticatedUser());
        services.AddApiScopes();

        services.AddHealthChecks()
            .AddCheck<DatabaseWriteHealthCheck>("database")
            .AddCheck<JobServerHealthCheck>("jobs");

        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
        });

        services.AddNotificationJobs(builder.Configuration, database);

        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MessageStatusWriter>();
        services.AddSingleton<MessageQueries>();
        services.AddSingleton<MessageCounts>();
        services.AddSingleton<MessageCsvExport>();
        services.AddSingleton<BulkOperations>();
        services.AddSingleton<RetryForecast>();
        services.AddTransient<BulkOperationJob>();
        services.AddSingleton<MessageOperations>();
        services.AddSingleton<MessageDetailsQuery>();
        services.AddSingleton<MessageResender>();
        services.TryAddSingleton<IRetryJitter>(RandomRetryJitter.Shared);
        services.AddSingleton<RetrySchedule>();
        services.AddSingleton<ContentRenderer>();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<BrandService>();
        services.AddSingleton<TemplateService>();
        services.AddSingleton<TemplateTestSender>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IntakeWriter>();
        services.AddSingleton<SendService>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<ProfileSearch>();
        services.AddSingleton<ProfileAudienceQuery>();
        services.AddSingleton<GroupSender>();
        services.AddSingleton<ListService>();
        services.AddSingleton<ListOverviewQuery>();
        services.AddSingleton<SubscriberCsvImport>();
        services.AddSingleton<PreferenceService>();
        services.AddSingleton<PreferenceGate>();
        services.AddOptions<UnsubscribeOptions>().BindConfiguration(UnsubscribeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<DeliveryPlanner>();
        services.AddSingleton<SendLeases>();
        services.AddSingleton<AttemptRecorder>();
        services.AddSingleton<ProviderCaller>();
        services.AddSingleton<SendFailures>();
        services.AddSingleton<SendOutcomes>();
        services.AddSingleton<OutcomeFlusher>();
        services.AddSingleton<SendPipeline>();
        services.AddSingleton<SendActivity>();
        services.AddSingleton<SendMessageFactory>();
        services.AddSingleton<SendJobDispatcher>();
        services.AddSingleton<FanOutExpander>();
        services.AddSingleton<RequestProgressQuery>();
        services.AddSingleton<AudienceService>();
        services.AddSingleton<AudiencePreview>();
        services.AddSingleton<AudienceMemberQuery>();
        services.AddSingleton<AudienceProfileUpdater>();
        services.AddTransient<AudienceCalculator>();
        services.AddTransient<FanOutJob>();
        services.AddSingleton<BulkService>();
        services.AddSingleton<BulkRunner>();
        services.AddTransient<BulkRunJob>();
        services.AddTransient<SendJob>();
        services.AddTransient<SimulatedReceiptJob>();
        services.AddSingleton<IRecoverySource, MessageRecoverySource>();
        services.AddSingleton<IRecoverySource, SimulatedReceiptRecoverySource>();
        services.AddSingleton<IRecoverySource, FanOutRecoverySource>();
        services.AddSingleton<IRecoverySource, BulkRecoverySource>();
        services.AddSingleton<IRecoverySource, AudienceRecoverySource>();
        services.AddSingleton<IDeliveryProviderFactory, SimulatedProviderFactory>();
        services.AddSingleton<SmtpProviderFactory>();
        services.AddSingleton<IDeliveryProviderFactory>(provider => provider.GetRequiredService<SmtpProviderFactory>());
        services.AddSingleton<IDeliveryProviderFactory, WebhookProviderFactory>();
        services.AddProviderIntegrations();
        // IHttpClientFactory logs every request's URL at Information. A provider's, an endpoint's or a fetch step's URL can
        // be its secret (a Slack or Teams incoming webhook is one in its path; .NET hides only the query), and secrets
        // never go to the log: no client of ours gets those loggers. Outcomes are recorded with the attempts instead.
        services.ConfigureHttpClientDefaults(client => client.RemoveAllLoggers());
        // The attempt timeout is enforced by the send job, per attempt; the client's own must not cut in first.
        services.AddHttpClient(WebhookProviderFactory.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ProviderRegistry>();
        services.AddSingleton<ISimulatedProviders, SimulatedProviderLookup>();
        services.AddNotificationTracking();
        services.AddNotificationRateLimits();
        services.AddNotificationForwardedHeaders();
        services.AddMessageRetention();
        services.AddOutboundWebhooks();
        services.AddNotificationAutomations();
        services.AddNotificationObservability();
        services.AddNotificationIncidents();
        return builder;
    }

    /// <summary>
    /// JSON errors for /api and /webhooks through one handler (<see cref="ApiExceptionMiddleware"/>). Call first, before
    /// the dashboard's own error page and authentication, so nothing under those paths ever answers HTML or a redirect.
    /// </summary>
    public static IApplicationBuilder UseNotificationErrors(this IApplicationBuilder app) =>
        app.UseWhen(context => ApiExceptionMiddleware.Handles(context.Request.Path), branch => branch.UseMiddleware<ApiExceptionMiddleware>());

    /// <summary>The engine's middleware: rate limits, then idempotency keys on /api POSTs. Call after authentication and authorization.</summary>
    public static IApplicationBuilder UseNotificationEngine(this IApplicationBuilder app)
    {
        app.UseApiRequestCounting();
        app.UseNotificationRateLimits();
        app.UseWhen(
            context => HttpMethods.IsPost(context.Request.Method)
                && context.Request.Path.StartsWithSegments("/api")
                && context.Request.Headers.ContainsKey(IdempotencyMiddleware.HeaderName),
            branch => branch.UseMiddleware<IdempotencyMiddleware>());
        return app;
    }

    /// <summary>Maps /api, /health and the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapNotificationEngine(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapNotificationApi();
        endpoints.MapProviderWebhooks();
        // Anonymous like the webhooks themselves: a wrong method or path is a JSON 405/404, not the login's redirect.
        endpoints.MapFallback("/webhooks/{**path}", (HttpContext context, EndpointDataSource sources) => ApiFallback.Answer(context, sources))
            .AllowAnonymous()
            .ExcludeFromDescription();
        endpoints.MapTracking();
        endpoints.MapUnsubscribe();
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous();
        endpoints.MapOpenApi().RequireAuthorization(ApiPolicies.ApiKeyOrDashboard);
        endpoints.MapNotificationMetrics();
        return endpoints;
    }

    // An API key when the request carries one, else the dashboard's sign-in cookie.
    private static string KeyOrSignIn(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? ApiKeyAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme;
}
