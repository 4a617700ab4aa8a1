using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// Base for bUnit tests of MudBlazor components: MudBlazor services, loose JS interop, and a signed-in Admin
/// (<see cref="Authorization"/> signs in another role).
/// </summary>
public abstract class MudBlazorTestContext : BunitContext
{
    static MudBlazorTestContext()
    {
        // bUnit's WaitFor* give up after 1 s by default; a page waiting on the real Engine over SQLite (a count in the
        // background, a query) can take longer on a loaded machine. A deadline: a wait ends as soon as it holds.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
    }

    protected MudBlazorTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<RoleGuard>();
        Authorization = AddAuthorization();
        SignInAs(DashboardRoles.Admin);
    }

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs the test's user in with exactly <paramref name="role"/>.</summary>
    protected void SignInAs(string role, string name = "admin@example.com") =>
        Authorization.SetAuthorized(name).SetRoles(role);

    private bool disposing;

    // xunit 2 disposes test classes synchronously, but some MudBlazor services can only be disposed
    // asynchronously; route the synchronous dispose through the asynchronous one.
    protected override void Dispose(bool disposing)
    {
        if (disposing && !this.disposing)
        {
            this.disposing = true;
            DisposeAsync().AsTask().GetAwaiter().GetResult();
            return;
        }

        base.Dispose(disposing);
    }
}
