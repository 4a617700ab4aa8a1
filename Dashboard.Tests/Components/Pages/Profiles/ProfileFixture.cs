using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Profiles;

/// <summary>An engine with one profile (ada), subscribed to one list, with one topic defined: what the profile pages show.</summary>
public static class ProfileFixture
{
    public const string UserId = "ada";
    public const string ListId = "weekly";
    public const string TopicId = "news";

    private static readonly Type[] PageServices =
    [
        typeof(ProfileService), typeof(ProfileSearch), typeof(ListService), typeof(ProfileAudienceQuery), typeof(PreferenceService), typeof(MessageQueries),
    ];

    public static async Task<EngineHost> StartAsync(BunitContext context)
    {
        var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
        });
        // The JSON editor is Monaco; bUnit's loose interop would answer its decorations call with null.
        context.JSInterop.Setup<string[]>("blazorMonaco.editor.deltaDecorations", _ => true).SetResult(["decoration-1"]);
        foreach (var type in PageServices)
        {
            context.Services.AddSingleton(type, engine.Services.GetRequiredService(type));
        }

        await engine.Services.GetRequiredService<ProfileService>().MergeAsync(UserId, new JsonObject { ["email"] = "ada@example.com", ["plan"] = "pro" });
        await engine.Services.GetRequiredService<ListService>().SubscribeToListsAsync(UserId, [new ListChoice(ListId)]);
        await engine.Services.GetRequiredService<PreferenceService>().UpsertTopicAsync(TopicId, new TopicInput("News", "Marketing", PreferenceStatus.OptedIn, null));
        return engine;
    }

    /// <summary>Waits for the page's data: on PostgreSQL the queries are truly asynchronous.</summary>
    public static void WaitLoaded<T>(IRenderedComponent<T> page)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=profile-loading]")));
}
