using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// The token signing key: <c>Tracking:SigningKey</c> when set, else one generated on first use and stored, so
/// links in mail sent before a restart keep working after it.
/// </summary>
public sealed class TrackingKeyStore(IDbContextFactory<NotificationsDbContext> dbFactory, IOptions<TrackingOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private byte[]? key;

    public async ValueTask<byte[]> GetKeyAsync(CancellationToken cancellationToken = default)
    {
        if (key is { } known)
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return key ??= string.IsNullOrEmpty(options.Value.SigningKey)
                ? await LoadOrCreateAsync(cancellationToken)
                : Encoding.UTF8.GetBytes(options.Value.SigningKey);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<byte[]> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.TrackingSigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == TrackingSigningKey.SingletonId, cancellationToken);
        if (stored is not null)
        {
            return stored.Key;
        }

        db.TrackingSigningKeys.Add(new TrackingSigningKey
        {
            Id = TrackingSigningKey.SingletonId,
            Key = RandomNumberGenerator.GetBytes(32),
            CreatedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (SqlDialects.For(db).IsUniqueViolation(ex))
        {
            // Another instance on the same database created it first: theirs is the key.
            db.ChangeTracker.Clear();
        }

        return (await db.TrackingSigningKeys.AsNoTracking().FirstAsync(k => k.Id == TrackingSigningKey.SingletonId, cancellationToken)).Key;
    }
}
