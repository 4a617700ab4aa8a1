using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using NotificationOps.Dashboard.Components;
using NotificationOps.Dashboard.Components.Pages.Account;
using NotificationOps.Dashboard.Components.Pages.EventLog;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Api;
using Scalar.AspNetCore;

namespace NotificationOps.Dashboard;

/// <summary>Composition of the dashboard: pages, cookie login, the Hangfire dashboard and the API reference.</summary>
public static class DashboardExtensions
{
    public const string LoginPath = "/account/login";

    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // The shipped static assets (MudBlazor, Blazor's script) are served from the build output whatever the
        // environment, so `dotnet run` from the repository root works without publishing.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Bottom right: at MudBlazor's default (top right) a "Saved" message covers the page's own action buttons
        // (Save draft, Publish, Delete; Bulk, Export) just when the user reaches for the next one.
        services.AddMudServices(options => options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        services.AddCascadingAuthenticationState();
        services.AddDashboardSecurity();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "nops.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = LoginPath;
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = LoginPath;
            options.ExpireTimeSpan = TimeSpan.FromDays(7);
            options.SlidingExpiration = true;
        });

        // Nothing answers without credentials unless it says so (login, health, tracking, webhooks, assets).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .Build());
        services.AddDashboardRoles();
        return builder;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDashboardSecurity();
        if (!app.Environment.IsDevelopment())
        {
            // /api and /webhooks have their own JSON handler (UseNotificationErrors); the HTML page is for pages.
            app.UseWhen(context => !ApiExceptionMiddleware.Handles(context.Request.Path),
                branch => branch.UseExceptionHandler("/error", createScopeForErrors: true));
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapEventLogExport();

        // Hangfire's default only admits local requests; we require the dashboard login instead, local or not.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [new HangfireAuthorizationFilter()],
                IsReadOnlyFunc = DashboardRolesExtensions.IsHangfireReadOnly,
                AppPath = "/",
                DashboardTitle = "NotificationOps jobs",
                DisplayStorageConnectionString = false,
            })
            .RequireAuthorization();

        app.MapScalarApiReference("/api-reference", options => options
            .WithTitle("NotificationOps API")
            // Scalar fetches its fonts from fonts.scalar.com; a self-hosted app calls no third party (and the CSP allows none).
            .DisableDefaultFonts()
            // Its hosted services ("Ask AI", MCP, the developer tools bar with Share, Generate SDK and Deploy) and its
            // telemetry call scalar.com: off, so the reference works offline and inside a closed network.
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .DisableTelemetry()
            .AddPreferredSecuritySchemes(["Bearer"])
            .AddHeaderContent("""<a href="/" data-testid="back-to-dashboard" style="display:block;padding:8px 16px;font:14px sans-serif">← NotificationOps dashboard</a>""")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
