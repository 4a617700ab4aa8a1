using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Observability;

/// <summary>Each instance stores its request buckets; the API rule judges the sum of every instance's.</summary>
public sealed class ApiRequestLogTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private TestDatabase database = null!;
    private ApiRequestLog log = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        log = new ApiRequestLog(database.Factory, new SqliteWriteTransactions());
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task TotalsAsync_TwoInstances_SumsBothSoTheRuleTripsOnTheirTotal()
    {
        var quiet = new ApiRequestWindow(time);
        var failing = new ApiRequestWindow(time);
        Record(quiet, 200, 15);
        Record(failing, 200, 5);
        Record(failing, 503, 5);
        time.Advance(TimeSpan.FromSeconds(10));

        await Flusher(quiet).FlushAsync(includeCurrent: false, CancellationToken.None);
        await Flusher(failing).FlushAsync(includeCurrent: false, CancellationToken.None);

        await using var db = database.CreateContext();
        var (requests, errors) = await ApiRequestLog.TotalsAsync(db, time.GetUtcNow(), 120, CancellationToken.None);
        Assert.Equal((25, 5), (requests, errors));
        // Neither instance alone has the 20 requests the rule needs; together they trip it.
        var finding = Assert.Single(new ApiErrorRule().Evaluate(new HealthSnapshot { ApiRequests = requests, ApiServerErrors = errors }, new OperationsOptions()));
        Assert.Equal("5 of 25 API requests answered 5xx in 2 min.", finding.Evidence);
    }

    [Fact]
    public async Task FlushAsync_RunningBucket_WaitsUntilItEndsAndStoresItOnce()
    {
        var window = new ApiRequestWindow(time);
        var flusher = Flusher(window);
        Record(window, 500, 3);

        await flusher.FlushAsync(includeCurrent: false, CancellationToken.None);
        Assert.Equal((0, 0), await TotalsAsync(120));

        time.Advance(TimeSpan.FromSeconds(10));
        await flusher.FlushAsync(includeCurrent: false, CancellationToken.None);
        await flusher.FlushAsync(includeCurrent: false, CancellationToken.None);
        Assert.Equal((3, 3), await TotalsAsync(120));
    }

    [Fact]
    public async Task TotalsAsync_BucketsOlderThanTheWindow_AreNotCounted()
    {
        var window = new ApiRequestWindow(time);
        Record(window, 500, 4);
        time.Advance(TimeSpan.FromSeconds(10));
        await Flusher(window).FlushAsync(includeCurrent: false, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(120));

        Assert.Equal((0, 0), await TotalsAsync(120));
        Assert.Equal((4, 4), await TotalsAsync(140));
    }

    [Fact]
    public async Task FlushAsync_AtShutdown_StoresTheRunningBucket()
    {
        var window = new ApiRequestWindow(time);
        Record(window, 200, 2);

        await Flusher(window).FlushAsync(includeCurrent: true, CancellationToken.None);

        Assert.Equal((2, 0), await TotalsAsync(120));
    }

    private static void Record(ApiRequestWindow window, int status, int count)
    {
        for (var i = 0; i < count; i++)
        {
            window.Record(status);
        }
    }

    private ApiRequestFlusher Flusher(ApiRequestWindow window) => new(window, log, time, NullLogger<ApiRequestFlusher>.Instance);

    private async Task<(long, long)> TotalsAsync(int seconds)
    {
        await using var db = database.CreateContext();
        return await ApiRequestLog.TotalsAsync(db, time.GetUtcNow(), seconds, CancellationToken.None);
    }
}
