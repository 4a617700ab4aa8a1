using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Lists;
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
    private readonly SendJobDispatcher dispatcher;
    private readonly GroupCommit<IntakeBatch> writer;
    private readonly IWriteTransactions writes;
    private readonly IEnumerable<IStatusChangeSink> sinks;
    private readonly TimeSpan timeout;
    private readonly TimeProvider time;
    private readonly SendActivity activity;

    public IntakeWriter(IDbContextFactory<NotificationsDbContext> dbFactory, SendJobDispatcher dispatcher, IOptions<DeliveryOptions> options, ILogger<IntakeWriter> logger, IWriteTransactions writes, IEnumerable<IStatusChangeSink> sinks, TimeProvider time, SendActivity activity)
    {
        this.activity = activity;
        this.time = time;
        this.sinks = sinks;
        this.writes = writes;
        this.dbFactory = dbFactory;
        this.dispatcher = dispatcher;
        timeout = TimeSpan.FromSeconds(options.Value.IntakeTimeoutSeconds);
        writer = new GroupCommit<IntakeBatch>(async batches => EnqueueSends(await CommitAsync(batches)), logger, MaxBatch);
    }

    /// <summary>
    /// Completes once the rows are committed; throws what the commit threw. Waits at most
    /// <see cref="DeliveryOptions.IntakeTimeoutSeconds"/> for the writer to take the batch: then it throws
    /// <see cref="StorageUnavailableException"/> and the batch is never written, so a request answered 503 stores
    /// nothing. A batch the writer has taken is not given up: its commit decides the answer (stored, or failed and
    /// rolled back), since answering 503 for rows that are then committed would make a client's retry a duplicate.
    /// </summary>
    /// <param name="fanOut">A send to lists: its expansion record, stored with the direct recipients' messages.</param>
    /// <param name="answer">The request's answer for its Idempotency-Key, stored with its messages.</param>
    public async Task WriteAsync(IReadOnlyList<Message> messages, IReadOnlyList<MessageEvent> events, IReadOnlyList<MessageTag> tags, FanOutRequest? fanOut = null,
        IdempotentAnswer? answer = null)
    {
        using var sending = activity.Enter();
        var claim = new IntakeClaim();
        var write = writer.WriteAsync(new IntakeBatch(messages, events, tags, fanOut, claim, answer));
        try
        {
            await write.WaitAsync(timeout, time);
        }
        catch (TimeoutException ex) when (claim.TryAbandon())
        {
            throw new StorageUnavailableException($"The database did not take the send within {timeout.TotalSeconds:0} s (Delivery:IntakeTimeoutSeconds).", ex);
        }
        catch (TimeoutException)
        {
            // Taken before the time ran out: its transaction is under way (bounded by the same timeout at each wait).
            await write;
        }
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    /// <summary>
    /// After commit, never before: a job never points at a row that does not exist. What was committed together
    /// is sent together, by batch jobs. Were the process to die right here, the recovery sweep finds the rows.
    /// </summary>
    private void EnqueueSends(IReadOnlyList<IntakeBatch> batches)
    {
        // Due ones in batch jobs now, delayed ones in batch jobs at their time: grouped across the requests of the commit.
        dispatcher.Dispatch(batches.SelectMany(b => b.Messages).ToList());
        foreach (var fanOut in batches.Select(b => b.FanOut).OfType<FanOutRequest>())
        {
            dispatcher.Expand(fanOut.Id);
        }
    }

    /// <summary>Stores the batches whose requests still wait for them; returns those it stored.</summary>
    private async Task<IReadOnlyList<IntakeBatch>> CommitAsync(IReadOnlyList<IntakeBatch> batches)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        // No wait longer than a request's: a locked or failing store fails the batch, it does not hang it.
        await using var busy = await BusyTimeout.LimitAsync(db, timeout);
        using var deadline = new CancellationTokenSource(timeout);
        IWriteTransaction transaction;
        try
        {
            transaction = await writes.BeginAsync(db, deadline.Token);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested)
        {
            throw new StorageUnavailableException($"Other writes held the database for {timeout.TotalSeconds:0} s.", ex);
        }

        await using (transaction)
        {
            // Taken once the write lock is held: a request that gave up first (and answers 503) is not stored after all,
            // and one taken here can no longer give up.
            var live = batches.Where(b => b.Claim.TryTake()).ToList();
            if (live.Count == 0)
            {
                return live;
            }

            // Appended with prepared multi-row INSERTs (messages first: the others reference them).
            await ModelRowInserter.InsertAsync(db, live.SelectMany(b => b.Messages).ToList());
            await ModelRowInserter.InsertAsync(db, live.SelectMany(b => b.Events).ToList());
            await ModelRowInserter.InsertAsync(db, live.SelectMany(b => b.Tags).ToList());
            // A message's first status is a status change too: announced in the transaction that stores it.
            await StatusChangeSinks.WriteAsync(sinks, db,
                live.SelectMany(b => b.Messages).Select(m => new MessageChange(m.Id, MessageChange.Updated, m.Status, m.EnqueuedAt)).ToList(),
                CancellationToken.None);
            await ModelRowInserter.InsertAsync(db, live.Select(b => b.FanOut).OfType<FanOutRequest>().ToList());
            await StoreAnswersAsync(db, live.Select(b => b.Answer).OfType<IdempotentAnswer>().ToList());
            await transaction.CommitAsync();
            return live;
        }
    }

    /// <summary>
    /// The answers of the requests that carry an Idempotency-Key, each on its record while the request's lease holds it:
    /// committed with the messages, a retry after a crash replays the request id instead of sending them again.
    /// </summary>
    private async Task StoreAnswersAsync(NotificationsDbContext db, IReadOnlyList<IdempotentAnswer> answers)
    {
        var now = time.GetUtcNow();
        foreach (var answer in answers)
        {
            var (hold, status, body, contentType) = (answer.Hold, answer.StatusCode, answer.Body, answer.ContentType);
            await db.IdempotencyRecords
                .Where(r => r.Scope == hold.Scope && r.Key == hold.Key && r.CompletedAt == null && r.LeaseUntil == hold.Lease)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.StatusCode, status)
                    .SetProperty(r => r.ResponseBody, body)
                    .SetProperty(r => r.ResponseContentType, contentType)
                    .SetProperty(r => r.CompletedAt, now));
        }
    }

    private sealed record IntakeBatch(IReadOnlyList<Message> Messages, IReadOnlyList<MessageEvent> Events, IReadOnlyList<MessageTag> Tags, FanOutRequest? FanOut, IntakeClaim Claim,
        IdempotentAnswer? Answer);
}
