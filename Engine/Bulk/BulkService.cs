using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Bulk;

/// <summary>Courier's bulk jobs (<c>/api/bulk</c>): create, ingest users, run, read the job and its users.</summary>
public sealed class BulkService(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    IBackgroundJobClient jobs,
    TimeProvider time)
{
    public async Task<string> CreateAsync(JsonObject definition, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var job = new BulkJob { Id = MessageIds.New(), DefinitionJson = definition.ToJsonString(), CreatedAt = now, UpdatedAt = now };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        db.BulkJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return job.Id;
    }

    public async Task<BulkJob?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BulkJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
    }

    /// <summary>Appends users (indexes after the job's last) while the job is CREATED; false when it is not.</summary>
    public async Task<bool> AddUsersAsync(string jobId, IReadOnlyList<JsonObject> users, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var job = await db.BulkJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
        if (job.Status != BulkJobStatus.Created)
        {
            return false;
        }

        var first = job.Received;
        db.BulkUsers.AddRange(users.Select((u, i) => new BulkUser { JobId = jobId, Index = first + i, UserJson = u.ToJsonString() }));
        job.Received += users.Count;
        job.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>CREATED → PROCESSING, durably, then the run job (the fast path; the recovery sweep is the slow one). A second run changes nothing.</summary>
    public async Task RunAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var started = await db.BulkJobs.Where(j => j.Id == jobId && j.Status == BulkJobStatus.Created)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BulkJobStatus.Processing).SetProperty(j => j.UpdatedAt, now), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (started > 0)
        {
            Enqueue(jobs, jobId);
        }
    }

    /// <summary>A page of the job's users in ingest order; the cursor carries the last index.</summary>
    public async Task<(List<BulkUser> Items, bool More, string? NextCursor)> UsersAsync(string jobId, string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        var after = ResourceId.DecodeCursor(cursor) is { } last
            ? int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index
                : throw new RequestValidationException(ValidationErrorKind.Invalid, "cursor", "'cursor' is not a cursor this API handed out.")
            : -1;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await db.BulkUsers.AsNoTracking().Where(u => u.JobId == jobId && u.Index > after)
            .OrderBy(u => u.Index).Take(pageSize + 1).ToListAsync(cancellationToken);
        var more = items.Count > pageSize;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        return (items, more, more ? ResourceId.EncodeCursor(items[^1].Index.ToString(CultureInfo.InvariantCulture)) : null);
    }

    internal static void Enqueue(IBackgroundJobClient jobs, string jobId) =>
        jobs.Enqueue<BulkRunJob>(JobQueues.Default, job => job.RunAsync(jobId, CancellationToken.None));
}
