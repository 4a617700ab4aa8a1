using System.Text.Json.Nodes;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Profiles;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Profiles;

public sealed class ProfilePageTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync() => engine = await ProfileFixture.StartAsync(this);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task ProfilePage_ShowsDataListsAudiencesTopicsAndMessages()
    {
        var audiences = engine.Services.GetRequiredService<AudienceService>();
        await audiences.PutAsync("pros", JsonNode.Parse("""{"name":"Pro plan","filter":{"filters":[{"operator":"EQ","path":"plan","value":"pro"}]}}"""));
        await engine.Services.GetRequiredService<AudienceCalculator>().RunAsync("pros", CancellationToken.None);
        var sent = await engine.SendAsync("""{"message":{"to":{"user_id":"ada"},"content":{"title":"Hi","body":"Hello"}}}""");
        await engine.SendAsync("""{"message":{"to":{"user_id":"ada-not-me"},"content":{"title":"Hi","body":"Hello"}}}""");

        var page = Render<ProfilePage>(p => p.Add(x => x.UserId, ProfileFixture.UserId));
        ProfileFixture.WaitLoaded(page);

        var editor = page.FindComponent<NotificationOps.Dashboard.Components.Pages.Templates.TemplateCodeEditor>();
        Assert.Equal("json", editor.Instance.Language);
        Assert.Contains("\"plan\": \"pro\"", editor.Instance.Value);
        Assert.Contains("ada@example.com", page.Find("[data-testid=profile-email]").TextContent);
        Assert.Contains(ProfileFixture.ListId, page.Find("[data-testid=profile-lists]").TextContent);
        Assert.Contains("Pro plan", page.Find("[data-testid=profile-audiences]").TextContent);
        Assert.Contains("News", page.Find("[data-testid=profile-topics]").TextContent);
        var message = Assert.Single(page.FindAll("[data-testid=profile-message]"));
        Assert.Equal($"/messages/{sent[0]}", message.GetAttribute("href"));
        Assert.Equal("/?recipient=ada&range=all", page.Find("[data-testid=profile-event-log]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("{\"email\": ", "Not saved")]
    [InlineData("{\"email\": \"not-an-address\"}", "email")]
    public async Task Save_RefusesInvalidJsonOrContactFields_AndStoresNothing(string json, string said)
    {
        var page = Render<ProfilePage>(p => p.Add(x => x.UserId, ProfileFixture.UserId));
        ProfileFixture.WaitLoaded(page);

        Handler.SetField(page, "json", json);
        await Handler.InvokeAsync(page, "SaveAsync");
        page.Render(); // a handler called directly does not re-render as a UI event would

        page.WaitForAssertion(() => Assert.Contains(said, page.Find("[data-testid=profile-json-error]").TextContent));
        await using var db = engine.CreateContext();
        Assert.Contains("\"plan\":\"pro\"", (await db.Profiles.SingleAsync()).DataJson);
    }

    [Fact]
    public async Task Save_ForAnIdWithoutProfile_CreatesIt()
    {
        var page = Render<ProfilePage>(p => p.Add(x => x.UserId, "team%2Fgrace"));
        ProfileFixture.WaitLoaded(page);
        Assert.NotEmpty(page.FindAll("[data-testid=profile-missing]"));
        Assert.Equal("team/grace", page.Find("[data-testid=profile-id]").TextContent);

        Handler.SetField(page, "json", """{"email":"grace@example.com"}""");
        await Handler.InvokeAsync(page, "SaveAsync");

        Assert.Equal("grace@example.com", (await engine.Services.GetRequiredService<ProfileService>().GetAsync("team/grace"))!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProfilesPage_SearchesByEmail_AndLinksEachProfileByItsEscapedId()
    {
        await engine.Services.GetRequiredService<ProfileService>().MergeAsync("team/grace", new JsonObject { ["email"] = "grace@example.com" });

        var page = Render<ProfilesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=profile-link]").Count));
        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudTextField<string>>().Instance.ValueChanged.InvokeAsync("grace@"));

        page.WaitForAssertion(() =>
        {
            var link = Assert.Single(page.FindAll("[data-testid=profile-link]"));
            Assert.Equal("/profiles/team%2Fgrace", link.GetAttribute("href"));
        });
        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudTextField<string>>().Instance.ValueChanged.InvokeAsync("zzz"));
        page.WaitForAssertion(() => Assert.Contains("zzz", page.Find("[data-testid=no-profiles]").TextContent));
    }
}
