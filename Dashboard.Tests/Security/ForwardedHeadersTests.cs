using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Security;

/// <summary>Behind a TLS-terminating proxy listed in Tracking:TrustedProxies the login cookie is Secure; nobody else's X-Forwarded-Proto counts.</summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("203.0.113.9", false)]
    public async Task SignIn_IssuesSecureCookie_OnlyWhenATrustedProxySaysHttps(string connectionFrom, bool secure)
    {
        await using var app = new ProxiedFactory(IPAddress.Parse(connectionFrom)) { Settings = { ["Tracking:TrustedProxies:0"] = "10.0.0.0/8" } };
        var client = app.CreateRawClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");

        var response = await DashboardLogin.PostFormAsync(client, "/account/login", "/account/signin", new Dictionary<string, string>
        {
            ["email"] = DashboardFactory.AdminEmail,
            ["password"] = DashboardFactory.AdminPassword,
            ["returnUrl"] = "/",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("nops.auth=", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The in-memory test server has no client address; this one gives every connection the given one.</summary>
    private sealed class ProxiedFactory(IPAddress remote) : DashboardFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(remote)));
        }
    }

    private sealed class RemoteAddressFilter(IPAddress remote) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = remote;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
