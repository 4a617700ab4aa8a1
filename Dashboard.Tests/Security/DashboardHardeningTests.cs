using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Security;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Security;

public sealed class DashboardHardeningTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/settings")]
    [InlineData("/hangfire")]
    [InlineData("/api-reference/")]
    [InlineData("/health")]
    [InlineData("/u/some-token")]
    public async Task Response_CarriesSecurityHeaders_SignedInOrNot(string path)
    {
        var anonymous = factory.CreateRawClient();
        var signedIn = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(signedIn);

        foreach (var response in new[] { await anonymous.GetAsync(path), await signedIn.GetAsync(path) })
        {
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            var nonce = Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy(path, nonce), csp);
            Assert.Contains("frame-ancestors 'self'", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task DashboardPages_AllowOnlyTheirOwnNoncedInlineScript_FreshPerResponse()
    {
        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var nonces = new List<string>();
        foreach (var path in new[] { "/settings", "/settings", "/account/login" })
        {
            var response = await client.GetAsync(path);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            var scripts = Regex.Match(csp, "script-src ([^;]*);").Groups[1].Value;
            Assert.DoesNotContain("unsafe-inline", scripts);
            var nonce = Regex.Match(scripts, "^'self' 'nonce-([0-9a-f]{32})'$").Groups[1].Value;
            Assert.NotEmpty(nonce);
            nonces.Add(nonce);

            // Blazor's import map is the page's one inline script, and it carries this response's nonce.
            var html = await response.Content.ReadAsStringAsync();
            var inline = Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>").Select(m => m.Value).ToList();
            Assert.All(inline, tag => Assert.Contains($"nonce=\"{nonce}\"", tag));
        }

        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/api-reference/")]
    public async Task LibraryPages_KeepInlineScripts_TheyWriteTheirOwn(string path)
    {
        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var csp = Assert.Single((await client.GetAsync(path)).Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self' 'unsafe-inline';", csp);
        Assert.DoesNotContain("nonce-", csp);
    }

    [Fact]
    public async Task Logout_MakesACopyOfTheOldCookieUseless()
    {
        var client = factory.CreateRawClient();
        var signIn = await SignInAndKeepCookieAsync(client);

        var logout = await DashboardLogin.PostFormAsync(client, "/settings", "/account/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var copy = factory.CreateRawClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/settings");
        request.Headers.Add("Cookie", signIn);
        var replayed = await copy.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/account/login", replayed.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Logout_IsRefusedAndKeepsTheSession_WithoutAntiforgeryToken()
    {
        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var getLogout = await client.GetAsync("/account/logout");

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, getLogout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/settings")).StatusCode);
    }

    [Fact]
    public async Task SignIn_AnswersOneMessage_ForAWrongPasswordAndALockedAccount()
    {
        var users = factory.Services.GetRequiredService<IServiceScopeFactory>().CreateScope().ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var lockedEmail = $"locked-{Guid.NewGuid():N}@example.com";
        var locked = new IdentityUser { UserName = lockedEmail, Email = lockedEmail };
        Assert.True((await users.CreateAsync(locked, "Locked-Passw0rd")).Succeeded);
        await users.SetLockoutEndDateAsync(locked, DateTimeOffset.UtcNow.AddHours(1));

        var wrongPassword = await SignInAsync(factory.CreateRawClient(), DashboardFactory.AdminEmail, "not-the-password", "/");
        var lockedOut = await SignInAsync(factory.CreateRawClient(), lockedEmail, "Locked-Passw0rd", "/");

        Assert.Equal(HttpStatusCode.Redirect, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, lockedOut.StatusCode);
        Assert.Equal(ErrorOf(wrongPassword), ErrorOf(lockedOut));
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/settings\r\nSet-Cookie: x=1")]
    public async Task SignIn_TreatsReturnUrlWithControlCharactersAsNone(string returnUrl)
    {
        var response = await SignInAsync(factory.CreateRawClient(), DashboardFactory.AdminEmail, DashboardFactory.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("POST", "/t/c/some-token")]
    [InlineData("POST", "/t/o/some-token.gif")]
    [InlineData("PUT", "/t/c/some-token")]
    [InlineData("DELETE", "/t/c/some-token")]
    public async Task Tracking_Answers405_ForOtherMethods_NotASignInRedirect(string method, string path)
    {
        var response = await factory.CreateRawClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    private static async Task<string> SignInAndKeepCookieAsync(HttpClient client)
    {
        var response = await SignInAsync(client, DashboardFactory.AdminEmail, DashboardFactory.AdminPassword, "/");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("nops.auth=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string returnUrl) =>
        DashboardLogin.PostFormAsync(client, "/account/login", "/account/signin", new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        });

    private static string? ErrorOf(HttpResponseMessage response) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), response.Headers.Location!).Query)["error"];
}
