using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Preferences;

/// <summary>
/// The send-time preference check, for a batch of messages at once (two queries, whatever the batch): the topic is
/// <c>message.preferences.subscription_topic_id</c>, else the pinned template version's <c>subscription_topic_id</c>;
/// the recipient's choice, else the topic's default, decides.
/// </summary>
public sealed class PreferenceGate(TemplateCatalog templates)
{
    public const string TopicKey = "subscription_topic_id";

    /// <summary>The decisions for the messages sent under a known topic, by message id; other messages are absent.</summary>
    public async Task<IReadOnlyDictionary<string, PreferenceDecision>> DecideAsync(NotificationsDbContext db, IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        var topicOf = new Dictionary<string, string>();
        foreach (var message in messages)
        {
            // Most messages name no topic: a text search spares them a parse.
            if (message.RequestJson.Contains(TopicKey, StringComparison.Ordinal) && TopicOf(message.RequestJson) is { } topicId)
            {
                topicOf[message.Id] = topicId;
            }
            else if (message.TemplateId is { } templateId && message.TemplateVersion is { } version
                     && templates.Content(templateId, version)?.SubscriptionTopicId is { } templateTopic)
            {
                // Versions are cached by the catalog: one read per version, whatever the batch.
                topicOf[message.Id] = templateTopic;
            }
        }

        if (topicOf.Count == 0)
        {
            return new Dictionary<string, PreferenceDecision>();
        }

        var topicIds = topicOf.Values.Distinct().ToList();
        var topics = await db.SubscriptionTopics.AsNoTracking().Where(t => topicIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var userIds = messages.Where(m => topicOf.ContainsKey(m.Id) && m.RecipientUserId is not null).Select(m => m.RecipientUserId!).Distinct().ToList();
        var choices = await db.UserTopicPreferences.AsNoTracking()
            .Where(p => userIds.Contains(p.UserId) && topicIds.Contains(p.TopicId))
            .ToDictionaryAsync(p => (p.UserId, p.TopicId), cancellationToken);

        var decisions = new Dictionary<string, PreferenceDecision>();
        foreach (var message in messages)
        {
            if (topicOf.TryGetValue(message.Id, out var topicId) && topics.TryGetValue(topicId, out var topic))
            {
                var choice = message.RecipientUserId is { } user ? choices.GetValueOrDefault((user, topicId)) : null;
                decisions[message.Id] = Decide(topic, choice);
            }
        }

        return decisions;
    }

    public static PreferenceDecision Decide(SubscriptionTopic topic, UserTopicPreference? choice)
    {
        if (topic.DefaultStatus != PreferenceStatus.Required && choice?.Status == PreferenceStatus.OptedOut)
        {
            return new(topic.Id, MessageReason.Unsubscribed, $"Skipped: the recipient opted out of topic '{topic.Id}'.", null);
        }

        if (topic.DefaultStatus == PreferenceStatus.OptedOut && choice?.Status != PreferenceStatus.OptedIn)
        {
            return new(topic.Id, MessageReason.OptInRequired, $"Skipped: topic '{topic.Id}' needs an opt-in and the recipient has not opted in.", null);
        }

        // The recipient's own routing first, else the topic's default channels, else every routed channel.
        var channels = choice is { HasCustomRouting: true } ? PreferenceChannels.Split(choice.CustomRouting) : PreferenceChannels.Split(topic.DefaultChannels);
        var decision = channels.Count == 0
            ? new PreferenceDecision(topic.Id, null, $"Topic '{topic.Id}': the recipient is subscribed.", null)
            : new PreferenceDecision(topic.Id, null, $"Topic '{topic.Id}': only {string.Join(", ", channels)} ({(choice is { HasCustomRouting: true } ? "the recipient's custom routing" : "the topic's default channels")}).", channels);
        return decision with { Leavable = topic.DefaultStatus != PreferenceStatus.Required };
    }

    public static string? TopicOf(string requestJson) =>
        JsonNode.Parse(requestJson)?["message"]?["preferences"]?[TopicKey] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
}
