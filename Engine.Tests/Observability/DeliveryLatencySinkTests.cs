using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Observability;

/// <summary>SENT → DELIVERED is timed from the stored times of each delivered message, labelled by channel and provider.</summary>
public sealed class DeliveryLatencySinkTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        db.Messages.Add(Message("delivered", Sent.AddSeconds(4)));
        db.Messages.Add(Message("sent-only", null));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        await services.DisposeAsync();
    }

    [Fact]
    public async Task WriteAsync_DeliveredChange_RecordsSecondsSinceSentWithChannelAndProvider()
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        using var metrics = new NotificationMetrics(factory, new OperationsGauges());
        using var recorder = new MetricRecorder(factory, "nops.delivery.latency");
        await using var db = database.CreateContext();

        await new DeliveryLatencySink(metrics).WriteAsync(db, [new MessageChange("delivered", MessageChange.Updated, MessageStatus.Delivered, Sent.AddSeconds(4))], CancellationToken.None);

        var (value, tags) = Assert.Single(recorder.Measurements);
        Assert.Equal(4, value);
        Assert.Equal("email", tags["channel"]);
        Assert.Equal("hook-a", tags["provider"]);
    }

    [Fact]
    public async Task WriteAsync_OtherChanges_RecordsNothing()
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        using var metrics = new NotificationMetrics(factory, new OperationsGauges());
        using var recorder = new MetricRecorder(factory, "nops.delivery.latency");
        await using var db = database.CreateContext();

        await new DeliveryLatencySink(metrics).WriteAsync(
            db,
            [
                new MessageChange("sent-only", MessageChange.Updated, MessageStatus.Sent, Sent),
                new MessageChange("delivered", MessageChange.Opened, null, Sent.AddSeconds(9)),
            ],
            CancellationToken.None);

        Assert.Empty(recorder.Measurements);
    }

    private static Message Message(string id, DateTimeOffset? deliveredAt) => new()
    {
        Id = id,
        RequestId = "r-" + id,
        Recipient = "ada@example.com",
        RequestJson = "{}",
        Channel = "email",
        Provider = "hook-a",
        Status = deliveredAt is null ? MessageStatus.Sent : MessageStatus.Delivered,
        EnqueuedAt = Sent.AddSeconds(-1),
        SentAt = Sent,
        DeliveredAt = deliveredAt,
        UpdatedAt = Sent,
    };
}
