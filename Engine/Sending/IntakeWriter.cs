using System.Threading.Channels;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Group commit for accepted sends: concurrent requests hand their rows to one writer, which stores many
/// requests in one transaction and acknowledges each only after that commit. Durable before the 202, without
/// paying a transaction per request.
/// </summary>
public sealed class IntakeWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly Channel<IntakeBatch> queue = Channel.CreateUnbounded<IntakeBatch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<NotificationsDbContext> dbFactory;
    private readonly IBackgroundJobClient jobs;
    private readonly ILogger<IntakeWriter> logger;
    private readonly Task loop;

    public IntakeWriter(IDbContextFactory<NotificationsDbContext> dbFactory, IBackgroundJobClient jobs, ILogger<IntakeWriter> logger)
    {
        this.dbFactory = dbFactory;
        this.jobs = jobs;
        this.logger = logger;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once the rows are committed; throws what the commit threw.</summary>
    public Task WriteAsync(IReadOnlyList<Message> messages, IReadOnlyList<MessageEvent> events, IReadOnlyList<MessageTag> tags)
    {
        var batch = new IntakeBatch(messages, events, tags);
        if (!queue.Writer.TryWrite(batch))
        {
            throw new InvalidOperationException("The intake writer has stopped.");
        }

        return batch.Committed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private async Task RunAsync()
    {
        var pending = new List<IntakeBatch>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            pending.Clear();
            while (pending.Count < MaxBatch && queue.Reader.TryRead(out var batch))
            {
                pending.Add(batch);
            }

            try
            {
                await CommitAsync(pending);
                EnqueueSends(pending);
                pending.ForEach(b => b.Committed.TrySetResult());
            }
            catch (Exception ex) when (pending.Count > 1)
            {
                // One bad request must not fail its neighbours: store them one by one to find it.
                logger.LogWarning(ex, "A group commit of {Count} sends failed; committing them one at a time", pending.Count);
                foreach (var batch in pending)
                {
                    try
                    {
                        await CommitAsync([batch]);
                        EnqueueSends([batch]);
                        batch.Committed.TrySetResult();
                    }
                    catch (Exception single)
                    {
                        batch.Committed.TrySetException(single);
                    }
                }
            }
            catch (Exception ex)
            {
                pending.ForEach(b => b.Committed.TrySetException(ex));
            }
        }
    }

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
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var batch in batches)
        {
            db.Messages.AddRange(batch.Messages);
            db.MessageEvents.AddRange(batch.Events);
            db.MessageTags.AddRange(batch.Tags);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private sealed record IntakeBatch(IReadOnlyList<Message> Messages, IReadOnlyList<MessageEvent> Events, IReadOnlyList<MessageTag> Tags)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
