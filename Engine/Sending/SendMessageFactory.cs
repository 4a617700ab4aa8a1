using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Routing;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// Builds the message rows of a send, for the intake and for a fan-out alike: one per recipient (per channel for
/// routing "all"), the recipient's stored profile merged with what the send gave.
/// </summary>
public sealed class SendMessageFactory(RetrySchedule retries)
{
    /// <summary>
    /// A member's message id, derived from the request, the member and the channel split, so that expanding the same
    /// request again finds the message it made before. The request id's time prefix keeps ids ordered like UUIDv7.
    /// </summary>
    public static string MemberMessageId(string requestId, string memberUserId, int split)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{requestId}\n{memberUserId}\n{split}")));
        return string.Concat(requestId.AsSpan(0, 12), "7", hash.AsSpan(0, 19));
    }

    /// <summary>
    /// The messages for one recipient: <paramref name="idFor"/> gives each split's id (null: a new random id).
    /// <paramref name="messageJson"/>: the request's message as <see cref="MessageJson"/> wrote it, for a caller that
    /// builds many recipients' messages of one request (a fan-out batch): cloning and writing the same message once per
    /// member was a tenth of a fan-out's time (phase timers, docs/lists.md).
    /// </summary>
    public IEnumerable<Message> Build(SendRequest request, string requestId, RecipientSpec recipient, string? profileJson, TemplateContent? template,
        DateTimeOffset now, DateTimeOffset startAt, bool delayed, Func<int, string>? idFor = null, string? messageJson = null)
    {
        var merged = Merge(recipient, profileJson);
        var split = 0;
        foreach (var channels in Split(request, merged, template))
        {
            var message = NewMessage(request, requestId, merged, channels, now, startAt, delayed, messageJson);
            if (idFor is not null)
            {
                message.Id = idFor(split);
            }

            split++;
            yield return message;
        }
    }

    /// <summary>The request's message as a stored message's <c>RequestJson</c> holds it (when routing does not split it).</summary>
    public static string MessageJson(SendRequest request) => request.Message.ToJsonString();

    private Message NewMessage(SendRequest request, string requestId, JsonObject recipient, IReadOnlyList<string>? channels, DateTimeOffset now, DateTimeOffset startAt,
        bool delayed, string? messageJson)
    {
        if (channels is not null || messageJson is null)
        {
            var message = (JsonObject)request.Message.DeepClone();
            if (channels is not null)
            {
                message["routing"] = new JsonObject
                {
                    ["method"] = RoutingMethods.Single,
                    ["channels"] = new JsonArray(channels.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
                };
            }

            messageJson = message.ToJsonString();
        }

        var userId = ChannelAddresses.Text(recipient, "user_id");
        var email = ChannelAddresses.Text(recipient, "email");
        var phone = ChannelAddresses.Text(recipient, "phone_number");
        return new Message
        {
            Id = MessageIds.New(),
            RequestId = requestId,
            Recipient = userId ?? email ?? phone ?? ChannelAddresses.For(Channels.Chat, recipient) ?? "(unknown)",
            RecipientUserId = userId,
            RecipientEmail = email,
            RecipientPhone = phone,
            // What `new JsonObject { ["message"] = message, ["to"] = recipient }.ToJsonString()` writes, without cloning either.
            RequestJson = string.Concat("{\"message\":", messageJson, ",\"to\":", recipient.ToJsonString(), "}"),
            Template = request.Template,
            Status = delayed ? MessageStatus.Delayed : MessageStatus.Enqueued,
            EnqueuedAt = now,
            UpdatedAt = now,
            NextAttemptAt = startAt,
            RetryBudgetUntil = retries.BudgetFrom(startAt),
            ExpiresAt = request.Timeout is { } timeout ? startAt + timeout : null,
            Tags = request.Tags.Count == 0 ? null : string.Join(",", request.Tags),
            TraceId = request.TraceId,
        };
    }

    /// <summary>"all" becomes one message per reachable channel; "single" stays one message.</summary>
    private static IEnumerable<IReadOnlyList<string>?> Split(SendRequest request, JsonObject recipient, TemplateContent? template)
    {
        if (request.RoutingMethod != RoutingMethods.All)
        {
            yield return null;
            yield break;
        }

        var reachable = (request.RoutingChannels ?? Channels.DefaultOrder)
            .Where(c => ChannelAddresses.For(c, recipient) is not null && (template is null || template.Has(c)))
            .ToList();
        if (reachable.Count == 0)
        {
            // One message that the pipeline marks UNROUTABLE (NO_CHANNELS), so the failure is visible.
            yield return request.RoutingChannels ?? Channels.DefaultOrder;
            yield break;
        }

        foreach (var channel in reachable)
        {
            yield return [channel];
        }
    }

    /// <summary>The stored profile, overridden by whatever the send gave inline.</summary>
    private static JsonObject Merge(RecipientSpec recipient, string? profileJson)
    {
        var merged = profileJson is null ? new JsonObject() : JsonNode.Parse(profileJson) as JsonObject ?? new JsonObject();
        foreach (var (key, value) in recipient.Raw)
        {
            merged[key] = value?.DeepClone();
        }

        if (recipient.Email is not null)
        {
            merged["email"] = recipient.Email;
        }

        if (recipient.PhoneNumber is not null)
        {
            merged["phone_number"] = recipient.PhoneNumber;
        }
        else if (merged["phone_number"] is JsonValue stored && stored.TryGetValue<string>(out var phone)
            && SendRequestParser.NormalisePhone(phone) is { } normalised)
        {
            merged["phone_number"] = normalised; // a profile may hold "+1 (415) 555-0100"; providers want E.164
        }

        return merged;
    }
}
