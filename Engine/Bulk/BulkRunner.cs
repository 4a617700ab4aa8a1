using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Bulk;

/// <summary>
/// Runs a bulk job: its pending users a batch at a time, each user's message through the one send path with a message id
/// derived from job and user index, so a run resumed after a crash finds what it already sent instead of sending it twice.
/// Each batch ends in one transaction that records the users' status and message ids and the job's counts.
/// </summary>
public sealed class BulkRunner(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    SendService sender,
    TimeProvider time)
{
    public const int BatchSize = 200;

    /// <summary>Sends in flight within a batch: enough for the intake's group commit to join them into few transactions.</summary>
    private const int Parallelism = 16;

    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(2);

    /// <summary>The message id of the job's user at <paramref name="index"/>: the same on every run.</summary>
    public static string MessageId(string jobId, int index)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"bulk\n{jobId}\n{index}")));
        return string.Concat(jobId.AsSpan(0, Math.Min(12, jobId.Length)), "b", hash.AsSpan(0, 19));
    }

    /// <summary>Works through the job's pending users; false when another run holds it (or it is not PROCESSING).</summary>
    public async Task<bool> RunAsync(string jobId, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        if (!await TakeLeaseAsync(jobId, owner, cancellationToken))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var definition = JsonNode.Parse((await db.BulkJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken)).DefinitionJson)!.AsObject();
        while (true)
        {
            db.ChangeTracker.Clear();
            var users = await db.BulkUsers.Where(u => u.JobId == jobId && u.Status == BulkUserStatus.Pending)
                .OrderBy(u => u.Index).Take(BatchSize).ToListAsync(cancellationToken);
            if (users.Count == 0)
            {
                return await FinishAsync(db, jobId, owner, cancellationToken);
            }

            await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (user, ct) => await SendAsync(jobId, definition, user, ct));
            if (!await SaveAsync(db, jobId, owner, users, cancellationToken))
            {
                return false; // lost the lease: another run goes on with the users still pending
            }
        }
    }

    /// <summary>One user's message; a user whose send is refused becomes ERROR with the reason, and the run goes on.</summary>
    private async Task SendAsync(string jobId, JsonObject definition, BulkUser user, CancellationToken cancellationToken)
    {
        var messageId = MessageId(jobId, user.Index);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Sent by an earlier run that did not get to record it: the message (or, for routing "all", its first) is the user's.
            if (await db.Messages.AsNoTracking().Where(m => m.Id == messageId || m.RequestId == messageId)
                    .OrderBy(m => m.Id).Select(m => m.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
            {
                (user.Status, user.MessageId) = (BulkUserStatus.Enqueued, existing == messageId ? messageId : existing);
                return;
            }
        }

        try
        {
            var message = BulkRequests.Compose(definition, JsonNode.Parse(user.UserJson)!.AsObject());
            var request = SendRequestParser.Parse(new JsonObject { ["message"] = message }) with { RequestId = messageId };
            var accepted = await sender.AcceptAsync(request, MessageEventSources.Api, cancellationToken);
            (user.Status, user.MessageId) = (BulkUserStatus.Enqueued, accepted.MessageIds.Contains(messageId) ? messageId : accepted.MessageIds.FirstOrDefault());
        }
        catch (RequestValidationException e)
        {
            (user.Status, user.Error) = (BulkUserStatus.Error, $"{e.Field}: {e.Message}");
        }
    }

    private async Task<bool> SaveAsync(NotificationsDbContext db, string jobId, string owner, List<BulkUser> users, CancellationToken cancellationToken)
    {
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var enqueued = users.Count(u => u.Status == BulkUserStatus.Enqueued);
        var failed = users.Count(u => u.Status == BulkUserStatus.Error);
        var updated = await db.BulkJobs.Where(j => j.Id == jobId && j.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Enqueued, j => j.Enqueued + enqueued).SetProperty(j => j.Failures, j => j.Failures + failed)
            .SetProperty(j => j.UpdatedAt, now).SetProperty(j => j.LeaseUntil, now + LeaseFor), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>No user pending: COMPLETED, or ERROR when every user failed; the lease is let go.</summary>
    private async Task<bool> FinishAsync(NotificationsDbContext db, string jobId, string owner, CancellationToken cancellationToken)
    {
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var finished = await db.BulkJobs.Where(j => j.Id == jobId && j.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, j => j.Received > 0 && j.Failures == j.Received ? BulkJobStatus.Error : BulkJobStatus.Completed)
            .SetProperty(j => j.CompletedAt, now).SetProperty(j => j.UpdatedAt, now)
            .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null).SetProperty(j => j.LeaseOwner, (string?)null), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return finished > 0;
    }

    private async Task<bool> TakeLeaseAsync(string jobId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var taken = await db.BulkJobs
            .Where(j => j.Id == jobId && j.Status == BulkJobStatus.Processing && (j.LeaseUntil == null || j.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, owner).SetProperty(j => j.LeaseUntil, now + LeaseFor), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return taken > 0;
    }
}
