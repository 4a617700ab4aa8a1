using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Api;

public static class ApiScopeServiceCollectionExtensions
{
    /// <summary>One authorization policy per <see cref="ApiScopes"/> value, for the /api endpoints.</summary>
    public static IServiceCollection AddApiScopes(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, ApiScopeAuthorizationHandler>();
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
        {
            authorization.AddPolicy(ApiPolicies.Scope(scope), policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(new ApiScopeRequirement(scope)));
        }

        authorization.AddPolicy(ApiPolicies.MetricsScrape, policy => policy
            .AddAuthenticationSchemes(ApiPolicies.MetricsScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName
                || ApiScopes.Allows(context.User.FindAll(ApiScopes.ClaimType).Select(c => c.Value), ApiScopes.Metrics)));
        return services;
    }
}
