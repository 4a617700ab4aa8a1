using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Account;

public sealed class DashboardAccessTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/settings")]
    [InlineData("/templates")]
    [InlineData("/status")]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    [InlineData("/api-reference")]
    [InlineData("/openapi/v1.json")]
    public async Task Page_RedirectsAnonymousToLogin(string path)
    {
        var client = factory.CreateRawClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/account/login", location.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString(path), location.Query);
    }

    [Fact]
    public async Task Hangfire_RedirectsAnonymousToLogin_EvenFromRemoteAddress()
    {
        var client = factory.CreateRawClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/settings")]
    [InlineData("/hangfire")]
    [InlineData("/api-reference/")]
    public async Task Page_Answers200_AfterSignIn(string path)
    {
        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesApiWithBearerScheme()
    {
        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/whoami\"", document);
        Assert.Contains("\"bearer\"", document);
        Assert.DoesNotContain("/account/", document);
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ReturnsToLoginWithError()
    {
        var client = factory.CreateRawClient();

        var response = await DashboardLogin.PostFormAsync(client, "/account/login", "/account/signin", new Dictionary<string, string>
        {
            ["email"] = DashboardFactory.AdminEmail,
            ["password"] = "wrong-Password1",
            ["returnUrl"] = "/settings",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?error=", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/settings")).StatusCode);
    }

    [Fact]
    public async Task SignIn_RefusesOffSiteReturnUrl()
    {
        var client = factory.CreateRawClient();

        var response = await DashboardLogin.PostFormAsync(client, "/account/login", "/account/signin", new Dictionary<string, string>
        {
            ["email"] = DashboardFactory.AdminEmail,
            ["password"] = DashboardFactory.AdminPassword,
            ["returnUrl"] = "//evil.example/phish",
        });

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRejected()
    {
        var client = factory.CreateRawClient();

        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = DashboardFactory.AdminEmail,
            ["password"] = DashboardFactory.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var response = await DashboardLogin.PostFormAsync(client, "/settings", "/account/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/settings")).StatusCode);
    }

    [Fact]
    public async Task FirstAdminPage_IsRefused_OnceAnAdminExists()
    {
        var client = factory.CreateRawClient();

        var page = await client.GetAsync("/account/setup");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location!.AbsolutePath);

        var post = await DashboardLogin.PostFormAsync(client, "/account/login", "/account/create-admin", new Dictionary<string, string>
        {
            ["email"] = "intruder@example.com",
            ["password"] = "Intruder-Passw0rd",
            ["confirmPassword"] = "Intruder-Passw0rd",
        });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Null(await users.FindByEmailAsync("intruder@example.com"));
    }

    [Fact]
    public async Task Health_Answers200WithoutCredentials()
    {
        var client = factory.CreateRawClient();

        var response = await client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\"", body);
        Assert.Contains("\"jobs\"", body);
        Assert.Contains("\"Healthy\"", body);
    }
}
