using System.Net;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.EventLog;

public sealed class EventLogExportTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    [Fact]
    public async Task Export_StreamsTheFilteredMessagesAsCsv()
    {
        var api = factory.CreateApiClient();
        foreach (var (email, tag) in new[] { ("=cmd@example.com", "export-a"), ("b@example.com", "export-a"), ("c@example.com", "export-b") })
        {
            var sent = await api.PostAsync("/api/send", ApiJson.Content(
                "{\"message\":{\"to\":{\"email\":\"" + email.TrimStart('=') + "\"},\"content\":{\"body\":\"hi, you\"},\"metadata\":{\"tags\":[\"" + tag + "\"]}}}"));
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        var client = factory.CreateRawClient();
        await DashboardLogin.SignInAsync(client);

        var response = await client.GetAsync("/export/messages.csv?tag=export-a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,request_id,status,", lines[0]);
        Assert.Equal(3, lines.Length); // header + the two tagged export-a
        Assert.All(lines.Skip(1), line => Assert.Contains("ENQUEUED", line));
        Assert.Contains(lines, l => l.Contains("cmd@example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("c@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_RedirectsAnonymousToLogin()
    {
        var response = await factory.CreateRawClient().GetAsync("/export/messages.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }
}
