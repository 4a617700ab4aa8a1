using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Sending;

/// <summary>
/// A send answered 503 stored nothing, and a send that was stored is never answered 503: the request's timeout and the
/// writer's commit decide once between them who has the batch (a client that retries a 503 must not make a duplicate).
/// </summary>
public sealed class IntakeWriterTests
{
    private const string Send = """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi","body":"Hello"}}}""";

    [Fact]
    public async Task WriteAsync_WaitsForTheCommit_WhenTheWriterTookTheBatchBeforeTheTimeout()
    {
        var sink = new HeldSink();
        await using var engine = await CreateAsync(sink);

        var send = engine.SendAsync(Send);
        await sink.Entered.Task; // the writer has the batch, inside its transaction
        engine.Time.Advance(TimeSpan.FromSeconds(10)); // the request's 5 s are over meanwhile
        sink.Release();

        var id = Assert.Single(await send);
        Assert.Equal(MessageStatus.Enqueued, (await engine.MessageAsync(id)).Status);
    }

    [Fact]
    public async Task WriteAsync_StoresNothing_WhenTheRequestGaveUpBeforeTheWriterTookIt()
    {
        var sink = new HeldSink();
        await using var engine = await CreateAsync(sink);
        var first = engine.SendAsync(Send);
        await sink.Entered.Task; // the writer is busy with the first batch

        var second = engine.SendAsync("""{"message":{"to":{"email":"grace@example.com"},"content":{"title":"Hi","body":"Hello"}}}""");
        // The request reaches its wait after some reads of its own: the clock moves on until its timeout has fired.
        await Eventually.HoldsAsync(() =>
        {
            engine.Time.Advance(TimeSpan.FromSeconds(10));
            return second.IsCompleted;
        }, "the second send gave up");
        await Assert.ThrowsAsync<StorageUnavailableException>(() => second);
        sink.Release();
        await first;

        await using var db = engine.CreateContext();
        Assert.Equal(["ada@example.com"], await db.Messages.Select(m => m.Recipient).ToListAsync());
    }

    private static Task<EngineHost> CreateAsync(HeldSink sink) =>
        EngineHost.CreateAsync(
            new Dictionary<string, string?> { ["Delivery:IntakeTimeoutSeconds"] = "5" },
            services => services.AddSingleton<IStatusChangeSink>(sink));

    /// <summary>Holds the first transaction it is called in until released, as a slow database would.</summary>
    private sealed class HeldSink : IStatusChangeSink
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => released.TrySetResult();

        public async Task WriteAsync(NotificationsDbContext db, IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                Entered.TrySetResult();
                await released.Task;
            }
        }
    }
}
