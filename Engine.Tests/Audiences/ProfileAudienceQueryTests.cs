using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Audiences;

public sealed class ProfileAudienceQueryTests
{
    [Fact]
    public async Task ForUserAsync_ListsServedMemberships_AndFollowsAProfileChange()
    {
        await using var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        var profiles = engine.Services.GetRequiredService<ProfileService>();
        await profiles.MergeAsync("ada", new JsonObject { ["plan"] = "pro" });
        var audiences = engine.Services.GetRequiredService<AudienceService>();
        await audiences.PutAsync("pros", JsonNode.Parse("""{"name":"Pros","filter":{"filters":[{"operator":"EQ","path":"plan","value":"pro"}]}}"""));
        await audiences.PutAsync("free", JsonNode.Parse("""{"name":"Free","filter":{"filters":[{"operator":"EQ","path":"plan","value":"free"}]}}"""));
        var calculator = engine.Services.GetRequiredService<AudienceCalculator>();
        await calculator.RunAsync("pros", CancellationToken.None);
        await calculator.RunAsync("free", CancellationToken.None);
        var query = engine.Services.GetRequiredService<ProfileAudienceQuery>();

        var before = await query.ForUserAsync("ada");
        await profiles.MergeAsync("ada", new JsonObject { ["plan"] = "free" });
        var after = await query.ForUserAsync("ada");

        Assert.Equal([("pros", "Pros")], before.Select(a => (a.AudienceId, a.Name)));
        Assert.Equal([("free", "Free")], after.Select(a => (a.AudienceId, a.Name)));
        Assert.Empty(await query.ForUserAsync("nobody"));
    }
}
