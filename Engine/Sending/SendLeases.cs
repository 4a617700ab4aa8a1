using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// A send run's hold on its messages. The first round takes the messages that are free (<see cref="MessageLease"/>);
/// later rounds (failover within the run) renew the lease the run holds, and so does a long round while its calls go
/// on (<see cref="RenewEvery"/>). A run identifies its rows by its owner token, never by the time, and a crashed
/// run's lease simply expires.
/// </summary>
public sealed class SendLeases(IOptions<DeliveryOptions> options, TimeProvider time)
{
    /// <summary>
    /// In the caller's transaction: takes (or, with <paramref name="renew"/>, extends) the lease of each message for
    /// <paramref name="owner"/>, and answers the attempt count of every message the run now holds. Read under the
    /// lease: nothing else changes these messages' attempt counts now.
    /// </summary>
    public async Task<Dictionary<string, int>> HoldAsync(
        NotificationsDbContext db, IReadOnlyCollection<string> ids, string owner, bool renew, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.Value.Lease;
        var candidates = ids.ToList();
        if (renew)
        {
            await ExtendAsync(db, candidates, owner, cancellationToken);
        }
        else
        {
            await db.Messages
                .Where(m => candidates.Contains(m.Id))
                .Where(MessageLease.Takeable(now))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.LeaseOwner, owner), cancellationToken);
        }

        return await db.Messages
            .Where(m => candidates.Contains(m.Id) && m.LeaseOwner == owner && m.LeaseUntil != null)
            .Select(m => new { m.Id, m.AttemptCount })
            .ToDictionaryAsync(m => m.Id, m => m.AttemptCount, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>
    /// How often a run renews the lease of the messages whose calls are still going: a third of the lease, so a
    /// round longer than the lease (a hanging provider: 200 calls, 32 at a time, each up to the attempt timeout)
    /// never lets the sweep take a message the run is still working on.
    /// </summary>
    public TimeSpan RenewEvery => options.Value.Lease / 3;

    /// <summary>
    /// In the caller's transaction: extends, from now, the lease <paramref name="owner"/> holds on each of these
    /// messages (one it no longer holds is left alone). Answers how many it extended.
    /// </summary>
    public Task<int> ExtendAsync(NotificationsDbContext db, IReadOnlyCollection<string> ids, string owner, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + options.Value.Lease;
        var candidates = ids as List<string> ?? ids.ToList();
        return db.Messages
            .Where(m => candidates.Contains(m.Id) && m.LeaseOwner == owner && m.LeaseUntil != null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseUntil, until), cancellationToken);
    }

    /// <summary>Lets go of a message whose attempt ended without a change of status (it had moved on meanwhile).</summary>
    public static Task ReleaseAsync(NotificationsDbContext db, string messageId, CancellationToken cancellationToken) =>
        db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
}
