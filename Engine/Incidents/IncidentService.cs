using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Incidents;

/// <summary>Reads and operator writes of incidents: the status API, the Status page and the public status page.</summary>
public sealed class IncidentService(
    IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, ProviderRegistry providers, TimeProvider time)
{
    public const int StatusDays = 90;
    public const int MaxHistoryDays = 365;

    public async Task<StatusView> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var incidents = await SinceAsync(time.GetUtcNow().AddDays(-StatusDays), cancellationToken);
        var open = incidents.Where(i => i.Status != IncidentStatus.Resolved).ToList();
        var components = StatusComponents.All(providers).Select(c =>
        {
            var worst = open.Where(i => i.ComponentIds.Contains(c.Id)).Select(State).DefaultIfEmpty(ComponentStatus.Operational).Max();
            return new StatusComponentView(c.Id, c.Name, StatusNames.Of(worst));
        }).ToList();
        var ordered = open.OrderByDescending(i => i.StartedAt).Concat(incidents.Where(i => i.Status == IncidentStatus.Resolved).OrderByDescending(i => i.StartedAt));
        return new StatusView(components, ordered.Select(View).ToList());
    }

    public async Task<HistoryView> HistoryAsync(int days, CancellationToken cancellationToken = default)
    {
        if (days is < 1 or > MaxHistoryDays)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "days", $"'days' must be 1 to {MaxHistoryDays}.");
        }

        var now = time.GetUtcNow();
        var from = now.AddDays(-days);
        var incidents = (await SinceAsync(from, cancellationToken)).Where(i => i.StartedAt >= from).OrderByDescending(i => i.StartedAt).ToList();
        var months = new List<MonthSummary>();
        for (var month = new DateTimeOffset(from.Year, from.Month, 1, 0, 0, 0, TimeSpan.Zero); month <= now; month = month.AddMonths(1))
        {
            var inMonth = incidents.Where(i => i.StartedAt >= month && i.StartedAt < month.AddMonths(1)).ToList();
            months.Add(new MonthSummary($"{month:yyyy-MM}", inMonth.Count, inMonth.Sum(i => Downtime(i, from, now))));
        }

        return new HistoryView(days, incidents.Select(View).ToList(), incidents.Sum(i => Downtime(i, from, now)), months);
    }

    /// <summary>Each component's last <paramref name="days"/> days (today last), from the incidents that named it.</summary>
    public async Task<IReadOnlyList<ComponentUptime>> UptimeAsync(int days = StatusDays, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(1 - days);
        var incidents = await SinceAsync(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cancellationToken);
        return StatusComponents.All(providers).Select(c =>
        {
            var mine = incidents.Where(i => i.ComponentIds.Contains(c.Id)).ToList();
            var bar = Enumerable.Range(0, days).Select(d =>
            {
                var date = first.AddDays(d);
                var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var end = start.AddDays(1) < now ? start.AddDays(1) : now;
                var that = mine.Where(i => i.StartedAt < end && (i.ResolvedAt ?? now) > start).ToList();
                return new DayUptime(date, that.Sum(i => Downtime(i, start, end)), that.Select(i => i.Title).ToList());
            }).ToList();
            return new ComponentUptime(c.Id, c.Name, bar);
        }).ToList();
    }

    public async Task<IncidentView> OpenAsync(NewIncident input, string author, CancellationToken cancellationToken = default)
    {
        var title = Text(input.Title, "title", 300);
        var body = Text(input.Body, "body", 4000);
        if (input.Components.Count == 0)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "components", "Name at least one component.");
        }

        if (input.Components.FirstOrDefault(c => !StatusComponents.IsKnown(c, providers)) is { } unknown)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "components", $"Unknown component '{unknown}'; the components are {string.Join(", ", StatusComponents.All(providers).Select(c => c.Id))}.");
        }

        var now = time.GetUtcNow();
        var incident = new Incident
        {
            Title = title,
            Impact = input.Impact,
            Status = input.Status,
            Components = string.Join(' ', input.Components.Distinct()),
            Maintenance = input.Maintenance,
            Severity = StatusNames.Implied(input.Impact, input.Maintenance),
            StartedAt = now,
            ResolvedAt = input.Status == IncidentStatus.Resolved ? now : null,
        };
        IncidentTracker.AddUpdate(incident, input.Status, body, now, author);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return View(incident);
    }

    /// <summary>An operator's update; <c>resolved</c> ends the incident, any other status reopens a resolved one.</summary>
    public async Task<IncidentView> AddUpdateAsync(long id, IncidentStatus status, string body, string author, CancellationToken cancellationToken = default)
    {
        var text = Text(body, "body", 4000);
        return await ChangeAsync(id, (incident, now) =>
        {
            incident.Status = status;
            incident.ResolvedAt = status == IncidentStatus.Resolved ? incident.ResolvedAt ?? now : null;
            IncidentTracker.AddUpdate(incident, status, text, now, author);
        }, cancellationToken);
    }

    public Task<IncidentView> RenameAsync(long id, string title, CancellationToken cancellationToken = default)
    {
        var text = Text(title, "title", 300);
        return ChangeAsync(id, (incident, _) => incident.Title = text, cancellationToken);
    }

    private async Task<IncidentView> ChangeAsync(long id, Action<Incident, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var incident = await db.Incidents.Include(i => i.Updates).FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new RequestValidationException(ValidationErrorKind.NotFound, "id", $"No incident {id}.");
        change(incident, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return View(incident);
    }

    private async Task<List<Incident>> SinceAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Incidents.AsNoTracking()
            .Include(i => i.Updates)
            .Where(i => i.StartedAt >= from || i.ResolvedAt == null || i.ResolvedAt >= from)
            .OrderByDescending(i => i.StartedAt)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
    }

    /// <summary>Minutes of the incident inside [from, to); maintenance and impact none are not downtime.</summary>
    private long Downtime(Incident incident, DateTimeOffset from, DateTimeOffset to)
    {
        if (incident.Maintenance || incident.Impact == IncidentImpact.None)
        {
            return 0;
        }

        var start = incident.StartedAt > from ? incident.StartedAt : from;
        var end = (incident.ResolvedAt ?? time.GetUtcNow()) < to ? incident.ResolvedAt ?? time.GetUtcNow() : to;
        return end > start ? (long)Math.Round((end - start).TotalMinutes) : 0;
    }

    private static ComponentStatus State(Incident incident) =>
        incident.RuleKey is not null ? incident.Severity : StatusNames.Implied(incident.Impact, incident.Maintenance);

    private static IncidentView View(Incident i) => new(
        i.Id,
        i.Title,
        StatusNames.Of(i.Impact),
        StatusNames.Of(i.Status),
        i.ComponentIds,
        i.StartedAt,
        i.ResolvedAt,
        i.Maintenance,
        i.AlertNote,
        i.Updates.OrderByDescending(u => u.At).ThenByDescending(u => u.Id).Select(u => new IncidentUpdateView(StatusNames.Of(u.Status), u.Body, u.At, u.Author)).ToList());

    private static string Text(string? value, string field, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > max)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, field, $"'{field}' must be 1 to {max} characters.");
        }

        return text;
    }
}
