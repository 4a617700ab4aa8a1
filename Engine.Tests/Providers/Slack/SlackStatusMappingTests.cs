using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Slack;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Slack;

/// <summary>Every documented chat.postMessage error word, answered as Slack does (HTTP 200, ok:false), is classified by its row.</summary>
public sealed class SlackStatusMappingTests
{
    public static TheoryData<string> Errors => new(SlackStatusMapping.Table.Rules.Where(r => r.ErrorClass is not null).Select(r => r.ProviderStatus));

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Provider_ClassifiesErrorWord_AsItsRowSays(string error)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(200, $$"""{"ok":false,"error":"{{error}}"}""");
        var provider = ProviderTestSettings.Create("slack", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("slack"), CancellationToken.None);

        var transient = SlackStatusMapping.Table.Find(error)!.ErrorClass == ErrorClasses.Transient;
        Assert.Equal(transient ? ProviderOutcome.TransientFailure : ProviderOutcome.PermanentFailure, result.Outcome);
    }
}
