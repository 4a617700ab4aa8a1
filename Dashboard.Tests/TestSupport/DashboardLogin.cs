using System.Net;
using System.Text.RegularExpressions;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>Signs in through the real login form (antiforgery token included) with a cookie-keeping client.</summary>
public static partial class DashboardLogin
{
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string action, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pagePath);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {pagePath}");
        var form = new Dictionary<string, string>(fields) { [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value) };
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    public static async Task SignInAsync(HttpClient client, string email = DashboardFactory.AdminEmail, string password = DashboardFactory.AdminPassword)
    {
        var response = await PostFormAsync(client, "/account/login", "/account/signin", new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
