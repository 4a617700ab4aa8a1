using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Security;

public sealed class ApiKeyServiceTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task CreateAsync_StoresOnlyHash_AndSecretAuthenticates()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = new ApiKeyService(database.Factory, time);

        var created = await service.CreateAsync("ci", "admin@example.com");

        Assert.StartsWith(ApiKeyService.SecretPrefix, created.Secret);
        Assert.True(created.Secret.Length >= 40);
        await using (var db = database.CreateContext())
        {
            var stored = await db.ApiKeys.SingleAsync();
            Assert.NotEqual(created.Secret, stored.Hash);
            Assert.DoesNotContain(created.Secret, stored.Hash + stored.Prefix + stored.Name);
            Assert.Equal(created.Secret[..12], stored.Prefix);
        }

        var authenticated = await service.AuthenticateAsync(created.Secret);
        Assert.NotNull(authenticated);
        Assert.Equal(created.Key.Id, authenticated.Id);
    }

    [Fact]
    public async Task AuthenticateAsync_ReturnsNull_ForUnknownOrRevokedKey()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = new ApiKeyService(database.Factory, time);
        var created = await service.CreateAsync("ci", null);
        Assert.NotNull(await service.AuthenticateAsync(created.Secret)); // cached now

        Assert.True(await service.RevokeAsync(created.Key.Id));

        Assert.Null(await service.AuthenticateAsync(created.Secret));
        Assert.Null(await service.AuthenticateAsync(created.Secret + "x"));
        Assert.Null(await service.AuthenticateAsync(string.Empty));
        Assert.False(await service.RevokeAsync(created.Key.Id));
    }

    [Fact]
    public async Task RevokeAsync_TakesEffect_ForAnotherServiceInstanceAfterItsCacheExpires()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = new ApiKeyService(database.Factory, time);
        var second = new ApiKeyService(database.Factory, time);
        var created = await first.CreateAsync("ci", null);
        Assert.NotNull(await second.AuthenticateAsync(created.Secret));

        await first.RevokeAsync(created.Key.Id);
        time.Advance(TimeSpan.FromSeconds(31));

        Assert.Null(await second.AuthenticateAsync(created.Secret));
    }

    [Fact]
    public async Task AuthenticateAsync_RecordsLastUsed_AtMostOncePerMinute()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = new ApiKeyService(database.Factory, time);
        var created = await service.CreateAsync("ci", null);

        await service.AuthenticateAsync(created.Secret);
        var firstUse = time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(10));
        await service.AuthenticateAsync(created.Secret);

        var listed = Assert.Single(await service.ListAsync());
        Assert.Equal(firstUse, listed.LastUsedAt);

        time.Advance(TimeSpan.FromMinutes(2));
        await service.AuthenticateAsync(created.Secret);
        Assert.Equal(time.GetUtcNow(), Assert.Single(await service.ListAsync()).LastUsedAt);
    }

    [Fact]
    public async Task EnsureKeyAsync_CreatesOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = new ApiKeyService(database.Factory, time);

        Assert.True(await service.EnsureKeyAsync("Bootstrap key", "bootstrap-secret-0123456789"));
        Assert.False(await service.EnsureKeyAsync("Bootstrap key", "bootstrap-secret-0123456789"));

        Assert.Single(await service.ListAsync());
        Assert.NotNull(await service.AuthenticateAsync("bootstrap-secret-0123456789"));
    }

    [Fact]
    public async Task EnsureKeyAsync_RejectsShortSecret()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = new ApiKeyService(database.Factory, time);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.EnsureKeyAsync("Bootstrap key", "short"));
        Assert.Contains("Bootstrap:ApiKey", error.Message);
    }
}
