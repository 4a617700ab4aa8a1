using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Group commit: concurrent callers hand their items to one writer loop, which commits many of them in one
/// transaction and completes each caller only after that commit. Durable before the answer, without paying a
/// transaction per request. Used by send intake and by tracking hits.
/// </summary>
/// <typeparam name="T">One caller's unit of work.</typeparam>
public sealed class GroupCommit<T> : IAsyncDisposable
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<T>, Task> commit;
    private readonly ILogger logger;
    private readonly int maxBatch;
    private readonly Task loop;

    /// <param name="commit">Stores the items in one transaction (and may act after its commit); throws when it failed.</param>
    public GroupCommit(Func<IReadOnlyList<T>, Task> commit, ILogger logger, int maxBatch)
    {
        this.commit = commit;
        this.logger = logger;
        this.maxBatch = maxBatch;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once the item is committed; throws what the commit threw.</summary>
    public Task WriteAsync(T item)
    {
        var pending = new Pending(item);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The group-commit writer has stopped.");
        }

        return pending.Committed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private async Task RunAsync()
    {
        var pending = new List<Pending>(maxBatch);
        var items = new List<T>(maxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            pending.Clear();
            items.Clear();
            while (pending.Count < maxBatch && queue.Reader.TryRead(out var next))
            {
                pending.Add(next);
                items.Add(next.Item);
            }

            try
            {
                await commit(items);
                pending.ForEach(p => p.Committed.TrySetResult());
            }
            catch (Exception ex) when (pending.Count > 1 && !StorageFaults.IsStorageFault(ex))
            {
                // (A storage fault fails every item alike: retrying them one by one would only wait longer.)
                // One bad item must not fail its neighbours: store them one by one to find it.
                logger.LogWarning(ex, "A group commit of {Count} {Item} items failed; committing them one at a time", pending.Count, typeof(T).Name);
                foreach (var single in pending)
                {
                    try
                    {
                        await commit([single.Item]);
                        single.Committed.TrySetResult();
                    }
                    catch (Exception alone)
                    {
                        single.Committed.TrySetException(alone);
                    }
                }
            }
            catch (Exception ex)
            {
                pending.ForEach(p => p.Committed.TrySetException(ex));
            }
        }
    }

    private sealed record Pending(T Item)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
