using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Lists;

/// <summary>
/// Expands a send to lists (DESIGN.md, Recipients): members in keyset order, a batch per transaction that writes the
/// members' messages (ids derived from request and member, so a re-run skips what it already made) and moves the
/// request's position. The messages then go the way of any other: the send jobs, after commit; but only once the
/// expansion ends. On SQLite every write queues at one gate: send jobs dispatched batch by batch claimed and recorded
/// their messages between the expansion's batches and slowed it twentyfold (measured, docs/lists.md), while a stored
/// ENQUEUED message waits for nothing it needs (the recovery sweep finds it if this process dies first).
/// </summary>
public sealed class FanOutExpander(
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IWriteTransactions writes,
    SendMessageFactory factory,
    SendJobDispatcher dispatcher,
    TemplateCatalog templates,
    ListService lists,
    IEnumerable<IStatusChangeSink> sinks,
    TimeProvider time)
{
    public const int BatchSize = 5000;
    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(2);

    private readonly FanOutBatchBuilder pages = new(dbFactory, factory, time);

    /// <summary>Expands what is left of the request; false when another run holds it (or it is finished).</summary>
    public async Task<bool> ExpandAsync(string requestId, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        if (!await TakeLeaseAsync(requestId, owner, cancellationToken))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.FanOutRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, cancellationToken);
        var body = JsonNode.Parse(row.RequestJson);
        var request = SendRequestParser.Parse(body);
        // Who sent it (the dashboard: operator), for the members' first event; rows stored before it was kept say api.
        var source = body?[SendService.FanOutSourceKey] is JsonValue given && given.TryGetValue<string>(out var named) ? named : MessageEventSources.Api;
        var template = row.TemplateId is { } templateId && row.TemplateVersion is { } version ? templates.Content(templateId, version) : null;
        var startAt = SendStart(request, row.CreatedAt);
        var pending = SendJobDispatcher.Pending.Empty();
        try
        {
            // Stored messages can meet this run's only from another list or recipient of the request, or from an earlier run.
            var run = new Run(owner, source) { CheckStored = request.Recipients.Count > 0 || row.GroupIndex > 0 || row.Members > 0 };
            return await ExpandAsync(db, row, request, template, startAt, run, pending, cancellationToken);
        }
        finally
        {
            dispatcher.Dispatch(pending); // what was committed, even when the run stops early
        }
    }

    private async Task<bool> ExpandAsync(NotificationsDbContext db, FanOutRequest row, SendRequest request, TemplateContent? template, DateTimeOffset startAt,
        Run run, SendJobDispatcher.Pending pending, CancellationToken cancellationToken)
    {
        Task<FanOutBatch>? ahead = null;
        try
        {
            while (row.Status == FanOutStatus.Expanding)
            {
                if (row.GroupIndex >= request.Groups.Count)
                {
                    row.Status = FanOutStatus.Completed;
                    row.CompletedAt = time.GetUtcNow();
                    row.Reason ??= row.Messages == 0 && row.Duplicates == 0 ? "The lists have no subscribers." : null;
                    await SaveAsync(db, row, run, null, cancellationToken);
                    break;
                }

                var group = request.Groups[row.GroupIndex];
                row.ListId ??= await FirstListAsync(group, cancellationToken);
                if (row.ListId is null)
                {
                    row.Reason = $"{row.Reason} {(group.Kind switch
                    {
                        RecipientGroup.List => $"No list '{group.Value}'.",
                        RecipientGroup.Audience => $"No audience '{group.Value}' (or its membership is not calculated yet).",
                        _ => $"No list matches '{group.Value}'.",
                    })}".Trim();
                    row.GroupIndex++;
                    run.CheckStored = true;
                    continue;
                }

                var batch = ahead is null ? await pages.PrepareAsync(db, request, group, row, row.ListId, row.AfterUserId, template, startAt, run.Source, cancellationToken) : await ahead;
                ahead = null;
                row.Members += batch.Members.Count;
                if (batch.Members.Count < BatchSize)
                {
                    row.ListId = group.Kind == RecipientGroup.ListPattern ? await NextMatchAsync(group.Value, row.ListId, cancellationToken) : null;
                    row.AfterUserId = null;
                    run.CheckStored = true; // the next list's members may have been this one's
                    if (row.ListId is null)
                    {
                        row.GroupIndex++;
                    }
                }
                else
                {
                    row.AfterUserId = batch.Members[^1];
                    ahead = pages.PrepareAheadAsync(request, group, row, row.ListId, row.AfterUserId, template, startAt, run.Source, cancellationToken);
                }

                if (!await SaveAsync(db, row, run, batch, cancellationToken))
                {
                    return false; // lost the lease: another run goes on from the stored position
                }

                pending.Add(batch.Messages);
            }

            return true;
        }
        finally
        {
            if (ahead is not null)
            {
                await ((Task)ahead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // a page read ahead for a run that stopped: nothing of it was written
            }
        }
    }

    /// <summary>
    /// One transaction: the batch's messages not yet stored, their first events and tags, and the new position; with no
    /// batch, the position alone. While no stored message can share an id with the batch (<see cref="Run.CheckStored"/>),
    /// the ids are not looked up first: a unique-key violation then means the rule missed a case, and the batch is
    /// written again, looked up, and so is every later batch of the run.
    /// </summary>
    private async Task<bool> SaveAsync(NotificationsDbContext db, FanOutRequest row, Run run, FanOutBatch? batch, CancellationToken cancellationToken)
    {
        try
        {
            return await SaveOnceAsync(db, row, run, batch, cancellationToken);
        }
        catch (Exception ex) when (!run.CheckStored && SqlDialects.For(db).IsUniqueViolation(ex))
        {
            run.CheckStored = true; // the transaction rolled back as it was disposed
            return await SaveOnceAsync(db, row, run, batch, cancellationToken);
        }
    }

    private async Task<bool> SaveOnceAsync(NotificationsDbContext db, FanOutRequest row, Run run, FanOutBatch? batch, CancellationToken cancellationToken)
    {
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var built = batch?.Messages ?? [];
        var stored = built.Count == 0 || !run.CheckStored ? [] : (await db.Messages.AsNoTracking()
            .Where(m => EF.Parameter(built.Select(b => b.Id).ToList()).Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();
        var now = time.GetUtcNow();
        var (messages, duplicates) = (row.Messages + built.Count - stored.Count, row.Duplicates + stored.Count);
        var updated = await db.FanOutRequests.Where(r => r.Id == row.Id && r.LeaseOwner == run.Owner).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, row.Status).SetProperty(r => r.GroupIndex, row.GroupIndex).SetProperty(r => r.ListId, row.ListId)
            .SetProperty(r => r.AfterUserId, row.AfterUserId).SetProperty(r => r.Members, row.Members).SetProperty(r => r.Messages, messages)
            .SetProperty(r => r.Duplicates, duplicates).SetProperty(r => r.Reason, row.Reason).SetProperty(r => r.UpdatedAt, now)
            .SetProperty(r => r.CompletedAt, row.CompletedAt)
            .SetProperty(r => r.LeaseUntil, row.Status == FanOutStatus.Expanding ? now + LeaseFor : null), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        if (batch is not null)
        {
            var fresh = stored.Count == 0 ? built : built.Where(m => !stored.Contains(m.Id)).ToList();
            // The staged rows of the messages not stored yet; owner: a row's message, by its position in the batch.
            StagedRows Fresh(StagedRows rows, Func<int, int> owner) => stored.Count == 0 ? rows : rows.Where(i => !stored.Contains(built[owner(i)].Id));
            await ModelRowInserter.InsertAsync(db, Fresh(batch.MessageRows, i => i), cancellationToken);
            await ModelRowInserter.InsertAsync(db, Fresh(batch.EventRows, i => i), cancellationToken);
            await ModelRowInserter.InsertAsync(db, Fresh(batch.TagRows, i => batch.TagOwners[i]), cancellationToken);
            // A member's first status is a status change like any other (outbound webhooks): announced in this transaction.
            await StatusChangeSinks.WriteAsync(sinks, db,
                fresh.Select(m => new MessageChange(m.Id, MessageChange.Updated, m.Status, m.EnqueuedAt)).ToList(), cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        (row.Messages, row.Duplicates, row.UpdatedAt) = (messages, duplicates, now);
        built.RemoveAll(m => stored.Contains(m.Id));
        return true;
    }

    private async Task<bool> TakeLeaseAsync(string requestId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var taken = await db.FanOutRequests
            .Where(r => r.Id == requestId && r.Status == FanOutStatus.Expanding && (r.LeaseUntil == null || r.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseUntil, now + LeaseFor), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return taken > 0;
    }

    private async Task<string?> FirstListAsync(RecipientGroup group, CancellationToken cancellationToken)
    {
        if (group.Kind == RecipientGroup.Audience)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Audiences.AnyAsync(a => a.Id == group.Value && a.ServedVersion > 0, cancellationToken) ? group.Value : null;
        }

        return group.Kind == RecipientGroup.List
            ? (await lists.GetAsync(group.Value, cancellationToken))?.Id
            : await NextMatchAsync(group.Value, null, cancellationToken);
    }

    private async Task<string?> NextMatchAsync(string pattern, string? afterListId, CancellationToken cancellationToken) =>
        (await lists.ListAsync(pattern, afterListId is null ? null : Validation.ResourceId.EncodeCursor(afterListId), 1, cancellationToken)).Items.FirstOrDefault()?.Id;

    /// <summary>
    /// This run's lease owner, the source its members' first events name, and whether a batch's ids must be looked up
    /// before they are written (a stored message may share one: see <see cref="SaveAsync"/>).
    /// </summary>
    private sealed class Run(string owner, string source)
    {
        public string Owner { get; } = owner;

        public string Source { get; } = source;

        public bool CheckStored { get; set; }
    }

    private static DateTimeOffset SendStart(SendRequest request, DateTimeOffset acceptedAt) =>
        request.DelayUntil ?? (request.Delay is { } delay ? acceptedAt + delay : acceptedAt);
}
