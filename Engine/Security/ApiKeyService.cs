using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Security;

/// <summary>Creates, lists, revokes and checks API keys. Secrets are hashed before they touch the store.</summary>
public sealed class ApiKeyService(IDbContextFactory<NotificationsDbContext> dbFactory, TimeProvider time)
{
    public const string SecretPrefix = "nops_";

    private const int DisplayPrefixLength = 12;

    // Authenticating every /api request against the database would cost a query per call; a short-lived
    // cache keeps that off the hot path while a revoke still takes effect immediately (it evicts).
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, CachedKey> cache = new(StringComparer.Ordinal);

    /// <summary>Creates a key with the chosen <see cref="ApiScopes"/> (all of them when <paramref name="scopes"/> is null).</summary>
    public async Task<CreatedApiKey> CreateAsync(
        string name, string? createdBy, IEnumerable<string>? scopes = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A key needs a name.", nameof(name));
        }

        var stored = ApiScopes.ToStored(scopes ?? ApiScopes.All);
        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = await StoreAsync(name.Trim(), secret, createdBy, stored, cancellationToken);
        return new CreatedApiKey(ApiKeySummary.From(key), secret);
    }

    /// <summary>Stores a key whose secret was chosen by the operator (Bootstrap:ApiKey), once.</summary>
    public async Task<bool> EnsureKeyAsync(string name, string secret, CancellationToken cancellationToken = default)
    {
        if (secret.Length < 16)
        {
            throw new InvalidOperationException("Bootstrap:ApiKey must be at least 16 characters long.");
        }

        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ApiKeys.AnyAsync(k => k.Hash == hash, cancellationToken))
        {
            return false;
        }

        // No scopes stored: the bootstrap key has full access, like every key made before scopes existed.
        await StoreAsync(name, secret, "bootstrap", scopes: null, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        return keys.OrderByDescending(k => k.CreatedAt).Select(ApiKeySummary.From).ToList();
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null || key.RevokedAt is not null)
        {
            return false;
        }

        key.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        cache.TryRemove(key.Hash, out _);
        return true;
    }

    /// <summary>Returns the active key matching <paramref name="secret"/>, or null.</summary>
    public async Task<ApiKeySummary?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 512)
        {
            return null;
        }

        var hash = Hash(secret);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(hash, out var cached) && cached.ExpiresAt > now)
        {
            await TouchAsync(cached, now, cancellationToken);
            return cached.Key;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        if (key is null || key.RevokedAt is not null)
        {
            cache.TryRemove(hash, out _);
            return null;
        }

        var entry = new CachedKey(hash, ApiKeySummary.From(key), now + CacheLifetime) { LastTouched = key.LastUsedAt };
        cache[hash] = entry;
        await TouchAsync(entry, now, cancellationToken);
        return entry.Key;
    }

    internal static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private async Task<ApiKey> StoreAsync(string name, string secret, string? createdBy, string? scopes, CancellationToken cancellationToken)
    {
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Prefix = secret[..Math.Min(DisplayPrefixLength, secret.Length)],
            Hash = Hash(secret),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
            Scopes = scopes,
        };

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    // "Last used" to the minute is what an operator needs; writing it on every request would not be.
    private async Task TouchAsync(CachedKey entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entry.LastTouched is { } last && now - last < LastUsedResolution)
        {
            return;
        }

        entry.LastTouched = now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ApiKeys.Where(k => k.Hash == entry.Hash)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
    }

    private sealed record CachedKey(string Hash, ApiKeySummary Key, DateTimeOffset ExpiresAt)
    {
        public DateTimeOffset? LastTouched { get; set; }
    }
}
