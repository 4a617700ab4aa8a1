using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Observability;

/// <summary>
/// Issue 18 item 6: the minute's samples are stored once, rolled into the hour's, and pruned (minutes after a day,
/// hours after 90 days, resolved incidents after a year), so the charts survive a restart and nothing grows without bound.
/// </summary>
public sealed class MetricSamplerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase database = null!;
    private MetricSampler sampler = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        sampler = new MetricSampler(database.Factory, new SqliteWriteTransactions());
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task RecordAsync_WritesThePreviousMinuteOnce_WithSendsErrorRatesLatencyAndBacklog()
    {
        await AddMessageAsync("m1", enqueued: Noon.AddMinutes(4), sent: Noon.AddMinutes(4).AddSeconds(2));
        await AddAttemptAsync("m1", "hook-a", AttemptOutcome.Accepted, Noon.AddMinutes(4).AddSeconds(1));
        await AddAttemptAsync("m1", "hook-a", AttemptOutcome.TransientFailure, Noon.AddMinutes(4).AddSeconds(30));
        await AddAttemptAsync("m1", "hook-b", AttemptOutcome.Accepted, Noon.AddMinutes(4).AddSeconds(40));
        await AddAttemptAsync("m1", "hook-b", AttemptOutcome.Accepted, Noon.AddMinutes(5).AddSeconds(1)); // the running minute: not yet

        Assert.True(await sampler.RecordAsync(Snapshot(Noon.AddMinutes(5).AddSeconds(20), oldestDue: 7), CancellationToken.None));
        Assert.False(await sampler.RecordAsync(Snapshot(Noon.AddMinutes(5).AddSeconds(35), oldestDue: 9), CancellationToken.None));

        var minute = await SamplesAsync(60, Noon.AddMinutes(4));
        Assert.Equal(2, minute[(MetricSeries.Sends, "")]);
        Assert.Equal(1, minute[(MetricSeries.Sends, "hook-a")]);
        Assert.Equal(50, minute[(MetricSeries.ErrorRate, "hook-a")]);
        Assert.Equal(0, minute[(MetricSeries.ErrorRate, "hook-b")]);
        Assert.Equal(2, minute[(MetricSeries.LatencyP50, "")]);
        Assert.Equal(7, minute[(MetricSeries.BacklogAge, "")]);
        Assert.Empty(await SamplesAsync(60, Noon.AddMinutes(5)));
    }

    [Fact]
    public async Task RecordAsync_RollsTheMinutesIntoTheHour_SendsSummedBacklogAtItsWorstRatesAveraged()
    {
        await AddMessageAsync("m1", enqueued: Noon, sent: null);
        await AddAttemptAsync("m1", "hook-a", AttemptOutcome.Accepted, Noon.AddSeconds(10));
        await AddAttemptAsync("m1", "hook-a", AttemptOutcome.TransientFailure, Noon.AddSeconds(20));
        await sampler.RecordAsync(Snapshot(Noon.AddMinutes(1).AddSeconds(5), oldestDue: 10), CancellationToken.None);
        await AddAttemptAsync("m1", "hook-a", AttemptOutcome.Accepted, Noon.AddMinutes(1).AddSeconds(10));
        await AddAttemptAsync("m1", "hook-a", AttemptOutcome.Accepted, Noon.AddMinutes(1).AddSeconds(20));
        await sampler.RecordAsync(Snapshot(Noon.AddMinutes(2).AddSeconds(5), oldestDue: 30), CancellationToken.None);

        var hour = await SamplesAsync(3600, Noon);

        Assert.Equal(3, hour[(MetricSeries.Sends, "")]);
        Assert.Equal(3, hour[(MetricSeries.Sends, "hook-a")]);
        Assert.Equal(30, hour[(MetricSeries.BacklogAge, "")]);
        Assert.Equal(25, hour[(MetricSeries.ErrorRate, "hook-a")]); // 50 % then 0 %
    }

    [Fact]
    public async Task RecordAsync_PrunesMinutesAfterADay_HoursAfter90Days_AndIncidentsResolvedOverAYearAgo()
    {
        var now = Noon.AddSeconds(5);
        await using (var db = database.CreateContext())
        {
            db.MetricSamples.AddRange(
                Sample(60, now.AddHours(-25)),
                Sample(60, now.AddHours(-23)),
                Sample(3600, now.AddDays(-91)),
                Sample(3600, now.AddDays(-89)));
            db.Incidents.AddRange(
                Incident("old", started: now.AddDays(-370), resolved: now.AddDays(-366)),
                Incident("recent", started: now.AddDays(-365), resolved: now.AddDays(-364)),
                Incident("still open", started: now.AddDays(-400), resolved: null));
            await db.SaveChangesAsync();
        }

        await sampler.RecordAsync(Snapshot(now, oldestDue: 0), CancellationToken.None);

        await using var check = database.CreateContext();
        var kept = await check.MetricSamples.Where(s => s.Name == "kept-or-not").Select(s => new { s.ResolutionSeconds, s.BucketStart }).ToListAsync();
        Assert.Equal(
            [(60, now.AddHours(-23)), (3600, now.AddDays(-89))],
            kept.Select(s => (s.ResolutionSeconds, s.BucketStart)).OrderBy(s => s.ResolutionSeconds));
        Assert.Equal(["recent", "still open"], (await check.Incidents.Select(i => i.Title).ToListAsync()).Order());
        Assert.Equal(2, await check.IncidentUpdates.CountAsync());
    }

    private static HealthSnapshot Snapshot(DateTimeOffset at, double oldestDue) => new() { At = at, OldestDueSeconds = oldestDue };

    private static MetricSample Sample(int resolution, DateTimeOffset bucket) =>
        new() { Name = "kept-or-not", Label = string.Empty, ResolutionSeconds = resolution, BucketStart = bucket, Value = 1 };

    private static Incident Incident(string title, DateTimeOffset started, DateTimeOffset? resolved)
    {
        var incident = new Incident
        {
            Title = title, Components = "api", Impact = IncidentImpact.Minor, StartedAt = started, ResolvedAt = resolved,
            Status = resolved is null ? IncidentStatus.Investigating : IncidentStatus.Resolved,
        };
        incident.Updates.Add(new IncidentUpdate { Status = incident.Status, Body = title, At = started, Author = "test" });
        return incident;
    }

    private async Task<Dictionary<(string Name, string Label), double>> SamplesAsync(int resolution, DateTimeOffset bucket)
    {
        await using var db = database.CreateContext();
        return (await db.MetricSamples.AsNoTracking().Where(s => s.ResolutionSeconds == resolution).ToListAsync())
            .Where(s => s.BucketStart == bucket)
            .ToDictionary(s => (s.Name, s.Label), s => s.Value);
    }

    private async Task AddMessageAsync(string id, DateTimeOffset enqueued, DateTimeOffset? sent)
    {
        await using var db = database.CreateContext();
        db.Messages.Add(new Message
        {
            Id = id, RequestId = id, Recipient = "ada@example.com", RequestJson = "{}", EnqueuedAt = enqueued, UpdatedAt = enqueued, SentAt = sent,
        });
        await db.SaveChangesAsync();
    }

    private async Task AddAttemptAsync(string messageId, string provider, AttemptOutcome outcome, DateTimeOffset at)
    {
        await using var db = database.CreateContext();
        var number = await db.DeliveryAttempts.CountAsync(a => a.MessageId == messageId) + 1;
        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            MessageId = messageId, Number = number, Channel = "email", Provider = provider, StartedAt = at, FinishedAt = at, Outcome = outcome,
        });
        await db.SaveChangesAsync();
    }
}
