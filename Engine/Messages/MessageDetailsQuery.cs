using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Messages;

/// <summary>Reads everything the message detail page shows with one context, cheap enough to poll every few seconds.</summary>
public sealed class MessageDetailsQuery(IDbContextFactory<NotificationsDbContext> dbFactory, ISimulatedProviders simulated)
{
    public async Task<MessageDetails?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return null;
        }

        // No read transaction (SQLite transactions here take the write lock); a history a step ahead of the row is harmless.
        var history = await db.MessageEvents.AsNoTracking().Where(e => e.MessageId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.MessageId == id)
            .OrderBy(a => a.Number).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        string? profile = null;
        if (message.RecipientUserId is { } userId)
        {
            profile = await db.Profiles.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.DataJson).FirstOrDefaultAsync(cancellationToken);
        }

        var used = attempts.Select(a => a.Provider).Append(message.Provider).OfType<string>();
        return new MessageDetails
        {
            Message = message,
            History = history,
            Attempts = attempts,
            Output = RenderedContent.FromJson(message.OutputJson, message.Channel),
            RecipientJson = ReadRecipient(message.RequestJson),
            ProfileJson = profile,
            SimulatedProviders = used.Where(simulated.IsSimulated).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
    }

    private static string? ReadRecipient(string requestJson) =>
        Parse(requestJson) is JsonObject request && request["to"] is JsonObject to ? to.ToJsonString() : null;

    // Stored by us, but a page must not fail over one unreadable column: it shows the rest without it.
    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
