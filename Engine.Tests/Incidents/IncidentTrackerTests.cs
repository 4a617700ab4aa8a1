using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Incidents;

/// <summary>Findings over time become incidents: open, worsen, monitor, resolve, reopen.</summary>
public sealed class IncidentTrackerTests : IAsyncLifetime
{
    private static readonly RuleFinding Partial = new("delivery:email", "Email delivery degraded: hook-a failing", ComponentStatus.PartialOutage, ["delivery/hook-a"], "hook-a: 38 of 40 attempts failed in 2 min, HTTP 500.");
    private static readonly RuleFinding Major = Partial with { Title = "Email delivery down", Status = ComponentStatus.MajorOutage, Components = ["delivery", "delivery/hook-a", "delivery/hook-b"], Evidence = "hook-a: 40 of 40; hook-b: 12 of 12." };

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly IncidentTracker tracker = new(new SqliteWriteTransactions(), new FixedOptionsMonitor<OperationsOptions>(new OperationsOptions { ResolveAfterSeconds = 300 }));
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_NewFinding_OpensInvestigatingIncidentWithEvidence()
    {
        var changes = await ApplyAsync(Partial);

        var change = Assert.Single(changes);
        Assert.Equal(IncidentChangeKind.Opened, change.Kind);
        var incident = await SingleAsync();
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal(IncidentImpact.Major, incident.Impact);
        Assert.Equal("delivery/hook-a", incident.Components);
        Assert.Equal(time.GetUtcNow(), incident.StartedAt);
        Assert.Equal(Partial.Evidence, Assert.Single(incident.Updates).Body);
        Assert.Equal(incident.Id, change.IncidentId);
    }

    [Fact]
    public async Task ApplyAsync_SameFindingAgain_AddsNothing()
    {
        await ApplyAsync(Partial);
        time.Advance(TimeSpan.FromSeconds(15));

        Assert.Empty(await ApplyAsync(Partial));
        Assert.Single((await SingleAsync()).Updates);
    }

    [Fact]
    public async Task ApplyAsync_WorseFinding_AddsUpdateAndRaisesImpact()
    {
        await ApplyAsync(Partial);
        time.Advance(TimeSpan.FromSeconds(15));

        var change = Assert.Single(await ApplyAsync(Major));

        Assert.Equal(IncidentChangeKind.Updated, change.Kind);
        var incident = await SingleAsync();
        Assert.Equal(IncidentImpact.Critical, incident.Impact);
        Assert.Equal(ComponentStatus.MajorOutage, incident.Severity);
        Assert.Equal(["delivery/hook-a", "delivery", "delivery/hook-b"], incident.ComponentIds);
        Assert.StartsWith("Worse: ", incident.Updates.OrderBy(u => u.Id).Last().Body);
    }

    [Fact]
    public async Task ApplyAsync_Healthy_MonitorsThenResolvesOnlyAfterResolveAfter()
    {
        await ApplyAsync(Partial);
        time.Advance(TimeSpan.FromMinutes(10));

        var monitoring = Assert.Single(await ApplyAsync());
        Assert.Equal(IncidentStatus.Monitoring, monitoring.Status);

        time.Advance(TimeSpan.FromSeconds(299));
        Assert.Empty(await ApplyAsync()); // one second short of the healthy period

        time.Advance(TimeSpan.FromSeconds(1));
        var resolved = Assert.Single(await ApplyAsync());

        Assert.Equal(IncidentChangeKind.Resolved, resolved.Kind);
        var incident = await SingleAsync();
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal(time.GetUtcNow(), incident.ResolvedAt);
        Assert.Contains("The incident lasted 15 m.", resolved.Body);
    }

    [Fact]
    public async Task ApplyAsync_FailingAgainWhileMonitoring_ReopensTheSameIncident()
    {
        await ApplyAsync(Partial);
        time.Advance(TimeSpan.FromMinutes(1));
        await ApplyAsync();
        time.Advance(TimeSpan.FromMinutes(1));

        var change = Assert.Single(await ApplyAsync(Partial));

        Assert.Equal(IncidentChangeKind.Updated, change.Kind);
        var incident = await SingleAsync();
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Null(incident.HealthySince);
        Assert.StartsWith("The problem is back: ", incident.Updates.OrderBy(u => u.Id).Last().Body);

        // The healthy period starts over: five minutes after the first recovery is not enough.
        time.Advance(TimeSpan.FromMinutes(1));
        await ApplyAsync();
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(await ApplyAsync());
    }

    [Fact]
    public async Task ApplyAsync_FailingAfterResolved_OpensANewIncident()
    {
        await ApplyAsync(Partial);
        await ApplyAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        await ApplyAsync();
        time.Advance(TimeSpan.FromMinutes(1));

        var change = Assert.Single(await ApplyAsync(Partial));

        Assert.Equal(IncidentChangeKind.Opened, change.Kind);
        await using var db = database.CreateContext();
        Assert.Equal([IncidentStatus.Resolved, IncidentStatus.Investigating], await db.Incidents.OrderBy(i => i.Id).Select(i => i.Status).ToListAsync());
    }

    [Fact]
    public async Task ApplyAsync_NamesTheFailingProvidersForTheAlerts_OnlyWhileTheIncidentIsWorkedOn()
    {
        var opened = Assert.Single(await ApplyAsync(Partial));
        time.Advance(TimeSpan.FromSeconds(15));
        var worse = Assert.Single(await ApplyAsync(Major));
        time.Advance(TimeSpan.FromSeconds(15));
        var monitoring = Assert.Single(await ApplyAsync());

        Assert.Equal(["hook-a"], opened.FailingProviders);
        Assert.Equal(["hook-a", "hook-b"], worse.FailingProviders.Order());
        Assert.Empty(monitoring.FailingProviders);
    }

    private async Task<IReadOnlyList<IncidentChange>> ApplyAsync(params RuleFinding[] findings)
    {
        await using var db = database.CreateContext();
        return await tracker.ApplyAsync(db, findings, time.GetUtcNow(), CancellationToken.None);
    }

    private async Task<Incident> SingleAsync()
    {
        await using var db = database.CreateContext();
        return await db.Incidents.Include(i => i.Updates).SingleAsync();
    }
}
