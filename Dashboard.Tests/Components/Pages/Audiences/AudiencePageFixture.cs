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

    protected static void Fill<T>(IRenderedComponent<T> page, string testId, string value, int index = 0)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll($"[data-testid={testId}] input, input[data-testid={testId}]")[index].Input(value);
}
