using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Tests.Security;

public sealed class ApiScopesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void FromStored_GrantsEveryScope_ForKeyWithoutScopes(string? stored)
    {
        Assert.Equal(ApiScopes.All, ApiScopes.FromStored(stored));
    }

    [Fact]
    public void ToStored_OrdersAndDeduplicates_AndRoundTrips()
    {
        var stored = ApiScopes.ToStored(["Read", "send", "read"]);

        Assert.Equal("send read", stored);
        Assert.Equal([ApiScopes.Send, ApiScopes.Read], ApiScopes.FromStored(stored));
    }

    [Fact]
    public void ToStored_Throws_ForUnknownOrNoScope()
    {
        Assert.Contains("'all'", Assert.Throws<ArgumentException>(() => ApiScopes.ToStored(["all"])).Message);
        Assert.Throws<ArgumentException>(() => ApiScopes.ToStored([]));
    }

    [Theory]
    [InlineData("read", "read", true)]
    [InlineData("send read", "manage", false)]
    [InlineData("admin", "manage", true)]
    [InlineData("manage", "admin", false)]
    public void Allows_GrantsNamedScope_AndAdminImpliesAll(string granted, string required, bool expected)
    {
        Assert.Equal(expected, ApiScopes.Allows(ApiScopes.FromStored(granted), required));
    }
}
