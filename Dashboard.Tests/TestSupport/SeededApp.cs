using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// The real app with something on every page: provider failures (UNDELIVERABLE, PROVIDER_ERROR, long addresses and
/// tags), deliveries, an UNROUTABLE message, a template. Shared by the layout and accessibility browser tests.
/// </summary>
public sealed class SeededApp : IAsyncLifetime
{
    private FakeProviderServer? provider;

    public AppProcess App { get; private set; } = null!;

    public string FailedMessageId { get; private set; } = string.Empty;

    public const string TemplateAlias = "order-shipped";

    public const string AutomationTemplateId = "welcome-series";

    /// <summary>A list with a subscriber, and an audience with nested groups, for the Lists and Audiences pages.</summary>
    public const string ListId = "newsletter.weekly-digest-for-customers-with-a-rather-long-list-id";

    public const string AudienceId = "pro-customers-in-europe-with-a-rather-long-audience-id";
    /// <summary>A profile (long id and values) in a list and with a topic defined, for the profile page.</summary>
    public const string ProfileUserId = "a-recipient-with-a-rather-long-user-id-0123456789";

    /// <summary>A run waiting in a long delay, so its page has a timeline to show.</summary>
    public string AutomationRunId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        provider = await FakeProviderServer.StartAsync();
        provider.Default = new FakeResponse(400, "{\"error\":\"mailbox unavailable: 550 5.1.1 the address does not exist\"}");
        App = await AppProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["Providers__simulated-email__Enabled"] = "false",
            ["Providers__hook__Type"] = "webhook",
            ["Providers__hook__Channel"] = "email",
            ["Providers__hook__Url"] = new Uri(provider.BaseAddress, "/deliver").ToString(),
            ["Providers__simulated-sms__DeliveryDelayMs"] = "0",
            // The public status page is opt-in; on here so the layout test measures it too.
            ["StatusPage__Public"] = "true",
        });
        using var api = App.CreateApiClient();
        var emails = string.Join(",", Enumerable.Range(0, 6).Select(i =>
            $"{{\"email\":\"a.customer.with.a.very.long.address.number{i}@subdomain.of.an.example-company.com\"}}"));
        await SendAsync(api, $"{{\"message\":{{\"to\":[{emails}],\"content\":{{\"title\":\"Hi\",\"body\":\"Hello\"}},\"metadata\":{{\"tags\":[\"orders\",\"shipping-notification-with-a-long-tag\",\"transactional\"],\"trace_id\":\"trace-0123456789abcdef0123456789abcdef\"}}}}}}");
        await SendAsync(api, "{\"message\":{\"to\":[{\"phone_number\":\"+14155551000\"},{\"phone_number\":\"+14155551001\"}],\"content\":{\"title\":\"Hi\",\"body\":\"Hello\"}}}");
        await SendAsync(api, "{\"message\":{\"to\":{\"user_id\":\"nobody-without-an-address\"},\"content\":{\"title\":\"Hi\",\"body\":\"Hello\"},\"routing\":{\"channels\":[\"email\"]}}}");
        var template = await api.PostAsync("/api/templates", Json(
            $"{{\"alias\":\"{TemplateAlias}\",\"name\":\"Order shipped\",\"tags\":[\"orders\"],\"content\":{{\"email\":{{\"subject\":\"Shipped\",\"html\":\"<p>Hello {{{{name}}}}</p>\",\"text\":\"Hello\"}}}}}}"));
        Assert.Equal(HttpStatusCode.Created, template.StatusCode);
        var automation = await api.PutAsync($"/api/automations/templates/{AutomationTemplateId}", Json(
            "{\"name\":\"Welcome series\",\"steps\":[{\"action\":\"delay\",\"duration\":\"1 day\"},{\"action\":\"send\",\"template\":\"order-shipped\"}]}"));
        Assert.True(automation.IsSuccessStatusCode, $"PUT automation template answered {(int)automation.StatusCode}");
        var list = await api.PostAsync($"/api/lists/{ListId}/subscriptions", Json(
            "{\"recipients\":[{\"recipientId\":\"a-recipient-with-a-rather-long-user-id-0123456789\"}]}"));
        Assert.True(list.IsSuccessStatusCode, $"POST subscriptions answered {(int)list.StatusCode}");
        var audience = await api.PutAsync($"/api/audiences/{AudienceId}", Json(
            "{\"name\":\"Pro customers in Europe\",\"filter\":{\"filters\":[{\"operator\":\"EQ\",\"path\":\"plan\",\"value\":\"pro\"},{\"operator\":\"OR\",\"filters\":[{\"operator\":\"STARTS_WITH\",\"path\":\"address.country\",\"value\":\"D\"},{\"operator\":\"MEMBER_OF\",\"value\":\"" + ListId + "\"}]}]}}"));
        Assert.True(audience.IsSuccessStatusCode, $"PUT audience answered {(int)audience.StatusCode}");
        var run = await api.PostAsync("/api/automations/invoke", Json(
            "{\"automation\":{\"steps\":[{\"action\":\"delay\",\"duration\":\"1 day\"}]},\"recipient\":\"a-recipient-with-a-rather-long-user-id-0123456789\"}"));
        Assert.True(run.IsSuccessStatusCode, $"invoke answered {(int)run.StatusCode}");
        AutomationRunId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;

        // A profile with long values, in a list and under a topic, for the profile page's layout.
        var profile = await api.PutAsync($"/api/profiles/{ProfileUserId}", Json(
            "{\"profile\":{\"email\":\"a.customer.with.a.very.long.address@subdomain.of.an.example-company.com\",\"phone_number\":\"+14155551000\",\"plan\":\"pro\",\"address\":{\"country\":\"NL\"}}}"));
        Assert.True(profile.IsSuccessStatusCode, $"PUT profile answered {(int)profile.StatusCode}");
        var subscribed = await api.PostAsync($"/api/profiles/{ProfileUserId}/lists", Json("{\"lists\":[{\"listId\":\"marketing.newsletter.weekly-digest-for-customers\"}]}"));
        Assert.True(subscribed.IsSuccessStatusCode, $"POST profile lists answered {(int)subscribed.StatusCode}");
        var topic = await api.PutAsync("/api/preferences/topics/product-updates-and-announcements", Json("{\"name\":\"Product updates and announcements\",\"section\":\"Marketing\",\"default_channels\":[\"email\",\"sms\"]}"));
        Assert.True(topic.IsSuccessStatusCode, $"PUT topic answered {(int)topic.StatusCode}");

        await Eventually.HoldsAsync(async () => (await IdsAsync(api, "UNDELIVERABLE")).Count == 6 && (await IdsAsync(api, "UNROUTABLE")).Count == 1,
            "the seeded sends to settle");
        FailedMessageId = (await IdsAsync(api, "UNDELIVERABLE"))[0];
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }

    private static async Task SendAsync(HttpClient api, string json)
    {
        var response = await api.PostAsync("/api/send", Json(json));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<List<string>> IdsAsync(HttpClient api, string status)
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/messages?status={status}&limit=100");
        return page.GetProperty("results").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
    }
}
