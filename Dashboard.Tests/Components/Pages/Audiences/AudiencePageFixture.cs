using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Tests.TestSupport;
using Bunit;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Audiences;

/// <summary>The Audiences and Lists pages' tests: a real engine, its services handed to bUnit, and profiles to find.</summary>
public abstract class AudiencePageFixture : MudBlazorTestContext, IAsyncLifetime
{
    protected EngineHost Engine { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        foreach (var type in new[]
        {
            typeof(AudienceService), typeof(AudiencePreview), typeof(AudienceMemberQuery),
            typeof(ListService), typeof(ListOverviewQuery), typeof(SubscriberCsvImport),
        })
        {
            Services.AddSingleton(type, Engine.Services.GetRequiredService(type));
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Engine.DisposeAsync();
    }

    protected Task ProfileAsync(string userId, string json) =>
        Engine.Services.GetRequiredService<ProfileService>().ReplaceAsync(userId, (JsonObject)JsonNode.Parse(json)!);

    /// <summary>Stores an audience and runs its calculation to the end, as the Hangfire job would.</summary>
    protected async Task<Audience> AudienceAsync(string id, string body)
    {
        await Engine.Services.GetRequiredService<AudienceService>().PutAsync(id, JsonNode.Parse(body));
        await Engine.Services.GetRequiredService<AudienceCalculator>().RunAsync(id, CancellationToken.None);
        return (await Engine.Services.GetRequiredService<AudienceService>().GetAsync(id))!;
    }

    /// <summary>
    /// Types into the index-th input with that test id once it is rendered, and waits until the page has handled it.
    /// A click just before may still be queued behind a render from the page's own background work (a debounced
    /// count, a poll), so the input is waited for rather than assumed.
    /// </summary>
    protected static async Task FillAsync<T>(IRenderedComponent<T> page, string testId, string value, int index = 0)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var selector = $"[data-testid={testId}] input, input[data-testid={testId}]";
        page.WaitForAssertion(() => Assert.True(page.FindAll(selector).Count > index, $"no input {index} with test id {testId} yet"));
        await page.FindAll(selector)[index].InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = value });
    }
}
