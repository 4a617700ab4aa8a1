using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Profiles;

public sealed class ProfileSearchTests : IAsyncLifetime
{
    private EngineHost engine = null!;

    private ProfileSearch Search => engine.Services.GetRequiredService<ProfileSearch>();

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        var profiles = engine.Services.GetRequiredService<ProfileService>();
        await profiles.MergeAsync("user-ada", new JsonObject { ["email"] = "Ada@Example.com", ["phone_number"] = "+14155550100" });
        await profiles.MergeAsync("user-bob", new JsonObject { ["email"] = "bob@example.com" });
        await profiles.MergeAsync("carol", new JsonObject { ["phone_number"] = "+14155550199" });
    }

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Theory]
    [InlineData("user-", "user-ada,user-bob")]
    [InlineData("carol", "carol")]
    [InlineData("bob@", "user-bob")]
    [InlineData("Ada@Ex", "user-ada")]
    [InlineData("+1 415 555 0199", "carol")]
    [InlineData("+14155550100", "user-ada")]
    [InlineData("nobody", "")]
    [InlineData("", "carol,user-ada,user-bob")]
    public async Task FindAsync_MatchesIdOrEmailByPrefix_AndPhoneExactly(string text, string expected)
    {
        var found = await Search.FindAsync(text);

        Assert.Equal(expected, string.Join(",", found.Select(p => p.UserId)));
    }

    [Fact]
    public async Task FindAsync_ReturnsContactFields_AndRespectsTheLimit()
    {
        var found = await Search.FindAsync("user-", limit: 1);

        var only = Assert.Single(found);
        Assert.Equal(("user-ada", "Ada@Example.com", "+14155550100"), (only.UserId, only.Email, only.PhoneNumber));
    }
}
