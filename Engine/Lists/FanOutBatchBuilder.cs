using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Lists;

/// <summary>
/// The read side of <see cref="FanOutExpander"/>: a page of a list's or audience's members and everything to store for
/// them, built outside the write transaction (and, for the next page, on another thread while this one is written).
/// It only reads; the expander decides in its transaction what of a page is stored.
/// </summary>
internal sealed class FanOutBatchBuilder(IDbContextFactory<NotificationsDbContext> dbFactory, SendMessageFactory factory, TimeProvider time)
{
    /// <summary>
    /// The next page of the same list or audience, read and built on another thread while this page's transaction
    /// writes: reading and building a page is about a third of the expansion's time, and on SQLite the writes hold
    /// one core while the other would wait. Only reads, on a context of its own; what to store is still decided in the
    /// write transaction (ids already stored are skipped there), so reading early changes nothing of the outcome.
    /// </summary>
    public Task<FanOutBatch> PrepareAheadAsync(SendRequest request, RecipientGroup group, FanOutRequest row, string source, string after,
        TemplateContent? template, DateTimeOffset startAt, string eventSource, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        await using var readDb = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await PrepareAsync(readDb, request, group, row, source, after, template, startAt, eventSource, cancellationToken);
    }, cancellationToken);

    /// <summary>
    /// A page of members, their messages, and the rows to write for them (messages, first events, tags) already in the
    /// values their tables take, so the write transaction only binds and steps.
    /// </summary>
    public async Task<FanOutBatch> PrepareAsync(NotificationsDbContext db, SendRequest request, RecipientGroup group, FanOutRequest row, string source, string? after,
        TemplateContent? template, DateTimeOffset startAt, string eventSource, CancellationToken cancellationToken)
    {
        var members = await MembersAsync(db, group, source, after, cancellationToken);
        var messages = await BuildAsync(db, request, group, row, members, template, startAt, cancellationToken);
        var tags = messages.SelectMany((m, i) => (m.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(tag => (Owner: i, Tag: new MessageTag { MessageId = m.Id, Tag = tag }))).ToList();
        return new FanOutBatch(members, messages, ModelRowInserter.Stage(db, messages), ModelRowInserter.Stage(db, messages.Select(m => FirstEvent(m, eventSource)).ToList()),
            ModelRowInserter.Stage(db, tags.Select(t => t.Tag).ToList()), tags.Select(t => t.Owner).ToArray());
    }

    // The batch's ids go to the store as one array parameter (EF.Parameter): EF's default, one parameter per id, made
    // SQLite prepare and bind a 5,000-parameter statement per query, slower than the query itself (stack samples).
    private async Task<List<Message>> BuildAsync(NotificationsDbContext db, SendRequest request, RecipientGroup group, FanOutRequest row, List<string> members,
        TemplateContent? template, DateTimeOffset startAt, CancellationToken cancellationToken)
    {
        var profiles = await db.Profiles.AsNoTracking().Where(p => EF.Parameter(members).Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, p => p.DataJson, cancellationToken);
        var groupRequest = WithGroupData(request, group);
        var now = time.GetUtcNow();
        var delayed = startAt > now;
        var messageJson = SendMessageFactory.MessageJson(groupRequest);
        var messages = new List<Message>();
        foreach (var member in members)
        {
            var recipient = new RecipientSpec(member, null, null, new JsonObject { ["user_id"] = member });
            foreach (var message in factory.Build(groupRequest, row.Id, recipient, profiles.GetValueOrDefault(member), template, now, startAt, delayed,
                         split => SendMessageFactory.MemberMessageId(row.Id, member, split), messageJson))
            {
                message.TemplateId = row.TemplateId;
                message.TemplateVersion = row.TemplateVersion;
                messages.Add(message);
            }
        }

        return messages;
    }

    /// <summary>The next members after <paramref name="after"/>: a list's subscribers, or an audience's served membership.</summary>
    private static async Task<List<string>> MembersAsync(NotificationsDbContext db, RecipientGroup group, string source, string? after, CancellationToken cancellationToken)
    {
        if (group.Kind == RecipientGroup.Audience)
        {
            var served = await db.Audiences.Where(a => a.Id == source).Select(a => a.ServedVersion).FirstOrDefaultAsync(cancellationToken);
            var audience = db.AudienceMembers.AsNoTracking()
                .Where(m => m.AudienceId == source && m.Version == served && (after == null || string.Compare(m.UserId, after) > 0));
            foreach (var list in group.MemberOf)
            {
                // The send's filters narrow in the store, so a batch short of BatchSize still means the membership is done.
                audience = audience.Where(m => db.ListSubscriptions.Any(s => s.ListId == list && s.UserId == m.UserId));
            }

            return await audience.OrderBy(m => m.UserId).Select(m => m.UserId).Take(FanOutExpander.BatchSize).ToListAsync(cancellationToken);
        }

        return await db.ListSubscriptions.AsNoTracking()
            .Where(s => s.ListId == source && (after == null || string.Compare(s.UserId, after) > 0))
            .OrderBy(s => s.UserId).Select(s => s.UserId).Take(FanOutExpander.BatchSize).ToListAsync(cancellationToken);
    }

    private static MessageEvent FirstEvent(Message message, string source) => new()
    {
        MessageId = message.Id,
        At = message.EnqueuedAt,
        Type = message.Status.ToWire(),
        Status = message.Status,
        Source = source,
        Detail = $"Member of a list send (request {message.RequestId}).",
    };

    private static SendRequest WithGroupData(SendRequest request, RecipientGroup group)
    {
        if (group.Data is null)
        {
            return request;
        }

        var message = (JsonObject)request.Message.DeepClone();
        var data = message["data"] as JsonObject ?? new JsonObject();
        foreach (var (key, value) in group.Data)
        {
            data[key] = value?.DeepClone();
        }

        message["data"] = data;
        return request with { Message = message };
    }
}
