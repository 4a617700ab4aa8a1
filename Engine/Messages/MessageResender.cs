using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// Sends a message's content again, to the same recipient, as a brand-new message (new id, its own history and
/// retry budget). Unlike a retry it leaves the original as it is, apart from a note pointing at the copy.
/// </summary>
public sealed class MessageResender(IDbContextFactory<NotificationsDbContext> dbFactory, SendService sender, TimeProvider time)
{
    public const string ResendTag = "resend";

    /// <summary>The new message's id; null when there is no message <paramref name="id"/>.</summary>
    /// <exception cref="RequestValidationException">The stored request no longer passes validation.</exception>
    public async Task<string?> ResendAsync(string id, string source, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var original = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (original is null)
        {
            return null;
        }

        // Through the parser, like any send: the copy gets exactly the checks and defaults an API send gets.
        var request = SendRequestParser.Parse(new JsonObject { ["message"] = CopyOf(original) });
        var accepted = await sender.AcceptAsync(request, source, cancellationToken);

        // One recipient, and intake stored the routing of a split send as single: exactly one new message.
        var copyId = accepted.MessageIds.Single();
        var now = time.GetUtcNow();
        db.MessageEvents.AddRange(
            new MessageEvent
            {
                MessageId = id,
                At = now,
                Type = MessageEventTypes.ResentAs,
                Source = source,
                Detail = $"Resent as a new message, {copyId}.",
                Payload = Link(copyId),
            },
            new MessageEvent
            {
                MessageId = copyId,
                At = now,
                Type = MessageEventTypes.ResendOf,
                Source = source,
                Detail = $"A resend of message {id}.",
                Payload = Link(id),
            });
        await db.SaveChangesAsync(cancellationToken);
        return copyId;
    }

    /// <summary>The other message a RESENT_AS or RESEND_OF event points at.</summary>
    public static string? RelatedMessageId(MessageEvent historyEvent)
    {
        if (historyEvent.Type is not (MessageEventTypes.ResentAs or MessageEventTypes.ResendOf) || historyEvent.Payload is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(historyEvent.Payload)?["message_id"] is JsonValue value && value.TryGetValue<string>(out var related) ? related : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject CopyOf(Message original)
    {
        var stored = JsonNode.Parse(original.RequestJson)!.AsObject();
        var message = stored["message"]!.DeepClone().AsObject();
        message["to"] = stored["to"]?.DeepClone();

        // The original's delay has been served; a resend is asked for now.
        message.Remove("delay");

        if (message["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            message["metadata"] = metadata;
        }

        var tags = new JsonArray(JsonValue.Create(ResendTag));
        foreach (var tag in (metadata["tags"] as JsonArray ?? []).OfType<JsonValue>())
        {
            if (tag.TryGetValue<string>(out var text) && text != ResendTag)
            {
                tags.Add(JsonValue.Create(text));
            }
        }

        metadata["tags"] = tags;
        return message;
    }

    private static string Link(string messageId) => new JsonObject { ["message_id"] = messageId }.ToJsonString();
}
