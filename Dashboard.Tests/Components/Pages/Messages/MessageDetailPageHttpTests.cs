using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Messages;

/// <summary>The message detail page served by the real app: behind the login, prerendered with the message in it.</summary>
public sealed class MessageDetailPageHttpTests
{
    [Fact]
    public async Task Get_Answers200WithRecipientAndEncodedHtml_ForSignedInUser()
    {
        await using var factory = new DashboardFactory();
        factory.Settings["Providers:sim-email:Type"] = "simulated";
        factory.Settings["Providers:sim-email:Channel"] = "email";
        factory.Settings["Providers:sim-email:DeliveryDelayMs"] = "0";
        var api = factory.CreateRawClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardFactory.ApiKey);
        var send = await api.PostAsync("/api/send", new StringContent(
            """{"message":{"to":{"email":"grace@example.com"},"content":{"title":"Hello","body":"Hi <script>alert(1)</script> <img src=x onerror=alert(1)>"}}}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        var id = (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetString()!;
        await WaitForStatusAsync(api, id, "DELIVERED");
        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var response = await client.GetAsync($"/messages/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("grace@example.com", html);
        Assert.Contains("DELIVERED", html);
        // An empty attribute may be written bare: <iframe sandbox srcdoc=...> is the same empty sandbox.
        var frame = Regex.Match(html, "<iframe[^>]*>");
        Assert.True(frame.Success, "no iframe in the page");
        Assert.Matches("\\ssandbox(=\"\")?[\\s>]", frame.Value);
        // The message's HTML travels only as the encoded srcdoc value, never as markup of the page.
        Assert.Contains("srcdoc=\"", frame.Value);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", frame.Value);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<img src=x", html);
    }

    [Fact]
    public async Task Get_RedirectsAnonymousToLogin()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateRawClient();

        var response = await client.GetAsync("/messages/some-message-id");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString("/messages/some-message-id"), response.Headers.Location.Query);
    }

    private static Task WaitForStatusAsync(HttpClient api, string id, string status) =>
        Eventually.HoldsAsync(
            async () => (await api.GetFromJsonAsync<JsonElement>($"/api/messages/{id}")).GetProperty("status").GetString() == status,
            $"message {id} to be {status}", TimeSpan.FromSeconds(20));
}
