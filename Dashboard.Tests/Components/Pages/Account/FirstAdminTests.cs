using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Account;

public sealed class FirstAdminTests(EmptyDashboardFactory factory) : IClassFixture<EmptyDashboardFactory>
{
    [Fact]
    public async Task FreshInstallation_OffersFirstAdmin_ThenClosesIt()
    {
        var client = factory.CreateRawClient();

        var login = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/account/setup", login.Headers.Location!.AbsolutePath);
        Assert.Contains("Create the first admin", await client.GetStringAsync("/account/setup"));

        var mismatch = await DashboardLogin.PostFormAsync(client, "/account/setup", "/account/create-admin", new Dictionary<string, string>
        {
            ["email"] = "first@example.com",
            ["password"] = "First-Passw0rd",
            ["confirmPassword"] = "Other-Passw0rd",
        });
        Assert.StartsWith("/account/setup?error=", mismatch.Headers.Location!.OriginalString);

        var created = await DashboardLogin.PostFormAsync(client, "/account/setup", "/account/create-admin", new Dictionary<string, string>
        {
            ["email"] = "first@example.com",
            ["password"] = "First-Passw0rd",
            ["confirmPassword"] = "First-Passw0rd",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/", created.Headers.Location!.OriginalString);

        // Signed in straight away.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/settings")).StatusCode);

        // And the page is closed for everyone else.
        var other = factory.CreateRawClient();
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/account/setup")).StatusCode);
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Equal(1, await users.Users.CountAsync());
    }
}
