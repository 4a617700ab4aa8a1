using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Incidents;

/// <summary>
/// Turns the rules' findings into incidents: a new finding opens one (investigating, the evidence as its first
/// update); a worse finding adds an update; a finding that is gone moves it to monitoring, and after
/// <c>Operations:ResolveAfterSeconds</c> of continued health to resolved with its duration; a finding that comes
/// back while monitoring reopens it (investigating again). One incident per rule key is open at a time.
/// </summary>
public sealed class IncidentTracker(IWriteTransactions writes, IOptionsMonitor<OperationsOptions> options)
{
    public const string RuleAuthor = "rule";

    public async Task<IReadOnlyList<IncidentChange>> ApplyAsync(
        NotificationsDbContext db, IReadOnlyList<RuleFinding> findings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changes = new List<(Incident Incident, IncidentChangeKind Kind, string Body)>();
        var resolveAfter = TimeSpan.FromSeconds(options.CurrentValue.ResolveAfterSeconds);
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        var open = await db.Incidents
            .Where(i => i.RuleKey != null && i.Status != IncidentStatus.Resolved)
            .ToListAsync(cancellationToken);

        foreach (var finding in findings)
        {
            var incident = open.FirstOrDefault(i => i.RuleKey == finding.Key);
            if (incident is null)
            {
                incident = new Incident
                {
                    Title = finding.Title,
                    Impact = finding.Impact,
                    Status = IncidentStatus.Investigating,
                    Components = string.Join(' ', finding.Components),
                    RuleKey = finding.Key,
                    Severity = finding.Status,
                    StartedAt = now,
                    AlertNote = finding.AlertNote,
                };
                db.Incidents.Add(incident);
                AddUpdate(incident, IncidentStatus.Investigating, finding.Evidence, now);
                changes.Add((incident, IncidentChangeKind.Opened, finding.Evidence));
                continue;
            }

            incident.HealthySince = null;
            incident.AlertNote = finding.AlertNote ?? incident.AlertNote;
            if (incident.Status == IncidentStatus.Monitoring)
            {
                incident.Status = IncidentStatus.Investigating;
                Worsen(incident, finding);
                var body = $"The problem is back: {finding.Evidence}";
                AddUpdate(incident, IncidentStatus.Investigating, body, now);
                changes.Add((incident, IncidentChangeKind.Updated, body));
            }
            else if (finding.Status > incident.Severity)
            {
                Worsen(incident, finding);
                var body = $"Worse: {finding.Evidence}";
                AddUpdate(incident, incident.Status, body, now);
                changes.Add((incident, IncidentChangeKind.Updated, body));
            }
        }

        foreach (var incident in open.Where(i => findings.All(f => f.Key != i.RuleKey)))
        {
            if (incident.HealthySince is null)
            {
                incident.HealthySince = now;
                incident.Status = IncidentStatus.Monitoring;
                var body = $"The numbers are back to normal; monitoring for {Durations.Long(resolveAfter)} before resolving.";
                AddUpdate(incident, IncidentStatus.Monitoring, body, now);
                changes.Add((incident, IncidentChangeKind.Updated, body));
            }
            else if (now - incident.HealthySince.Value >= resolveAfter)
            {
                incident.Status = IncidentStatus.Resolved;
                incident.ResolvedAt = now;
                var body = $"Resolved: healthy for {Durations.Long(now - incident.HealthySince.Value)}. The incident lasted {Durations.Long(now - incident.StartedAt)}.";
                AddUpdate(incident, IncidentStatus.Resolved, body, now);
                changes.Add((incident, IncidentChangeKind.Resolved, body));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Ids of new incidents are known only after the save.
        return changes.Select(c => new IncidentChange(c.Incident.Id, c.Incident.Title, c.Kind, c.Incident.Status, c.Body, c.Incident.AlertNote)
        {
            FailingProviders = c.Incident.Status is IncidentStatus.Investigating or IncidentStatus.Identified ? FailingProviders(c.Incident) : [],
        }).ToList();
    }

    /// <summary>The providers whose components the incident names (<c>delivery/&lt;provider&gt;</c>).</summary>
    internal static IReadOnlyList<string> FailingProviders(Incident incident) =>
        incident.ComponentIds.Where(c => c.StartsWith(StatusComponents.Delivery + "/", StringComparison.Ordinal))
            .Select(c => c[(StatusComponents.Delivery.Length + 1)..])
            .ToList();

    internal static void AddUpdate(Incident incident, IncidentStatus status, string body, DateTimeOffset at, string author = RuleAuthor) =>
        incident.Updates.Add(new IncidentUpdate { Status = status, Body = body, At = at, Author = author });

    private static void Worsen(Incident incident, RuleFinding finding)
    {
        if (finding.Status > incident.Severity)
        {
            incident.Severity = finding.Status;
            incident.Impact = finding.Impact;
            incident.Title = finding.Title;
        }

        incident.Components = string.Join(' ', incident.ComponentIds.Union(finding.Components));
    }
}
