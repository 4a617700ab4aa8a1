using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Group commit (<see cref="GroupCommit{T}"/>) for accepted sends: many requests are stored in one transaction and
/// each is acknowledged only after that commit. Durable before the 202, without a transaction per request.
/// </summary>
public sealed class IntakeWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly IDbContextFactory<NotificationsDbContext> dbFactory;
    private readonly IBackgroundJobClient jobs;
    private readonly GroupCommit<IntakeBatch> writer;
    private readonly IWriteTransactions writes;

    public IntakeWriter(IDbContextFactory<NotificationsDbContext> dbFactory, IBackgroundJobClient jobs, ILogger<IntakeWriter> logger, IWriteTransactions writes)
    {
        this.writes = writes;
        this.dbFactory = dbFactory;
        this.jobs = jobs;
        writer = new GroupCommit<IntakeBatch>(async batches =>
        {
            await CommitAsync(batches);
            EnqueueSends(batches);
        }, logger, MaxBatch);
    }

    /// <summary>Completes once the rows are committed; throws what the commit threw.</summary>
    public Task WriteAsync(IReadOnlyList<Message> messages, IReadOnlyList<MessageEvent> events, IReadOnlyList<MessageTag> tags) =>
        writer.WriteAsync(new IntakeBatch(messages, events, tags));

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    /// <summary>
    /// After commit, never before: a job never points at a row that does not exist. What was committed together
    /// is sent together, by batch jobs. Were the process to die right here, the recovery sweep finds the rows.
    /// </summary>
    private void EnqueueSends(IReadOnlyList<IntakeBatch> batches)
    {
        var due = batches.SelectMany(b => b.Messages).Where(m => m.Status == MessageStatus.Enqueued).Select(m => m.Id).ToList();
        foreach (var chunk in due.Chunk(SendJob.MaxBatch))
        {
            jobs.Enqueue<SendJob>(JobQueues.Send, job => job.RunBatchAsync(chunk, CancellationToken.None));
        }
    }

    private async Task CommitAsync(IReadOnlyList<IntakeBatch> batches)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await writes.BeginAsync(db);
        // Appended with prepared multi-row INSERTs (messages first: the others reference them).
        await ModelRowInserter.InsertAsync(db, batches.SelectMany(b => b.Messages).ToList());
        await ModelRowInserter.InsertAsync(db, batches.SelectMany(b => b.Events).ToList());
        await ModelRowInserter.InsertAsync(db, batches.SelectMany(b => b.Tags).ToList());
        await transaction.CommitAsync();
    }

    private sealed record IntakeBatch(IReadOnlyList<Message> Messages, IReadOnlyList<MessageEvent> Events, IReadOnlyList<MessageTag> Tags);
}
