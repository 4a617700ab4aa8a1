using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Preferences;

/// <summary>Subscription topics and each user's choices for them (Courier's user preferences).</summary>
public sealed class PreferenceService(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, TimeProvider time)
{
    public async Task<IReadOnlyList<SubscriptionTopic>> TopicsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SubscriptionTopics.AsNoTracking().OrderBy(t => t.Section).ThenBy(t => t.Id).ToListAsync(cancellationToken);
    }

    public async Task<SubscriptionTopic?> TopicAsync(string topicId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SubscriptionTopics.AsNoTracking().FirstOrDefaultAsync(t => t.Id == topicId, cancellationToken);
    }

    public async Task UpsertTopicAsync(string topicId, TopicInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var topic = await db.SubscriptionTopics.FirstOrDefaultAsync(t => t.Id == topicId, cancellationToken);
        if (topic is null)
        {
            topic = new SubscriptionTopic { Id = topicId, Name = input.Name, CreatedAt = now };
            db.SubscriptionTopics.Add(topic);
        }

        topic.Name = input.Name;
        topic.Section = input.Section;
        topic.DefaultStatus = input.DefaultStatus;
        topic.DefaultChannels = input.DefaultChannels;
        topic.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Removes the topic and every user's choice for it; false when there was none.</summary>
    public async Task<bool> DeleteTopicAsync(string topicId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        await db.UserTopicPreferences.Where(p => p.TopicId == topicId).ExecuteDeleteAsync(cancellationToken);
        var removed = await db.SubscriptionTopics.Where(t => t.Id == topicId).ExecuteDeleteAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return removed > 0;
    }

    /// <summary>Every topic as the user sees it.</summary>
    public async Task<IReadOnlyList<TopicPreferenceView>> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var topics = await db.SubscriptionTopics.AsNoTracking().OrderBy(t => t.Section).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        var chosen = await db.UserTopicPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.TopicId, cancellationToken);
        return topics.Select(t => View(t, chosen.GetValueOrDefault(t.Id))).ToList();
    }

    public async Task<TopicPreferenceView?> ForUserAsync(string userId, string topicId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var topic = await db.SubscriptionTopics.AsNoTracking().FirstOrDefaultAsync(t => t.Id == topicId, cancellationToken);
        if (topic is null)
        {
            return null;
        }

        var chosen = await db.UserTopicPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId && p.TopicId == topicId, cancellationToken);
        return View(topic, chosen);
    }

    /// <summary>
    /// Records the user's choice. A topic that does not exist yet is created with default OPTED_IN (as Courier does);
    /// a REQUIRED topic cannot be opted out of (400 on <c>topic.status</c>, nothing stored).
    /// </summary>
    public async Task SetAsync(string userId, string topicId, PreferenceStatus status, bool hasCustomRouting, string? customRouting, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var topic = await db.SubscriptionTopics.FirstOrDefaultAsync(t => t.Id == topicId, cancellationToken);
        if (topic is { DefaultStatus: PreferenceStatus.Required } && status == PreferenceStatus.OptedOut)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "topic.status", $"Topic '{topicId}' is REQUIRED: it cannot be opted out of.");
        }

        if (status == PreferenceStatus.Required && topic is not { DefaultStatus: PreferenceStatus.Required })
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "topic.status", "REQUIRED is a topic's default, not a choice a user can make: send OPTED_IN or OPTED_OUT.");
        }

        if (topic is null)
        {
            db.SubscriptionTopics.Add(new SubscriptionTopic { Id = topicId, Name = topicId, DefaultStatus = PreferenceStatus.OptedIn, CreatedAt = now, UpdatedAt = now });
        }

        var row = await db.UserTopicPreferences.FirstOrDefaultAsync(p => p.UserId == userId && p.TopicId == topicId, cancellationToken);
        if (row is null)
        {
            row = new UserTopicPreference { UserId = userId, TopicId = topicId };
            db.UserTopicPreferences.Add(row);
        }

        row.Status = status;
        row.HasCustomRouting = hasCustomRouting && customRouting is not null;
        row.CustomRouting = row.HasCustomRouting ? customRouting : null;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static TopicPreferenceView View(SubscriptionTopic topic, UserTopicPreference? chosen) =>
        new(topic,
            topic.DefaultStatus == PreferenceStatus.Required ? PreferenceStatus.Required : chosen?.Status ?? topic.DefaultStatus,
            chosen?.HasCustomRouting ?? false,
            PreferenceChannels.Split(chosen?.CustomRouting));
}
