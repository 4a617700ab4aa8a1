using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Profiles;

/// <summary>Recipient profiles, as Courier's: POST merges keys into the profile, PUT replaces it whole.</summary>
public sealed class ProfileService(IDbContextFactory<NotificationsDbContext> dbFactory, IWriteTransactions writes, AudienceProfileUpdater audiences, TimeProvider time)
{
    public async Task<JsonObject?> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        return profile is null ? null : JsonNode.Parse(profile.DataJson) as JsonObject;
    }

    /// <summary>Merges <paramref name="changes"/> into the profile (creating it); a key set to null is removed.</summary>
    public Task MergeAsync(string userId, JsonObject changes, CancellationToken cancellationToken = default) =>
        WriteAsync(userId, changes, replace: false, cancellationToken);

    public Task ReplaceAsync(string userId, JsonObject profile, CancellationToken cancellationToken = default) =>
        WriteAsync(userId, profile, replace: true, cancellationToken);

    public async Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default)
    {
        bool deleted;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            deleted = await db.Profiles.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
        }

        await audiences.ApplyAsync(userId, cancellationToken);
        return deleted;
    }

    /// <summary>Checks the contact fields a send relies on; throws with the field to fix.</summary>
    public static void Validate(JsonObject profile, string field)
    {
        if (profile["email"] is { } email && (email.GetValueKind() != JsonValueKind.String || !SendRequestParser.IsEmail(email.GetValue<string>())))
        {
            throw new RequestValidationException(ValidationErrorKind.Unprocessable, $"{field}.email", "'email' must be a valid email address.");
        }

        if (profile["phone_number"] is { } phone && (phone.GetValueKind() != JsonValueKind.String || SendRequestParser.NormalisePhone(phone.GetValue<string>()) is null))
        {
            throw new RequestValidationException(ValidationErrorKind.Unprocessable, $"{field}.phone_number", "'phone_number' must be a phone number in E.164 form, e.g. +14155550123.");
        }
    }

    private async Task WriteAsync(string userId, JsonObject incoming, bool replace, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await writes.BeginAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var existing = await db.Profiles.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var data = replace || existing is null ? new JsonObject() : JsonNode.Parse(existing.DataJson) as JsonObject ?? new JsonObject();
        foreach (var (key, value) in incoming)
        {
            if (value is null && !replace)
            {
                data.Remove(key);
            }
            else
            {
                data[key] = value?.DeepClone();
            }
        }

        if (existing is null)
        {
            existing = new Profile { UserId = userId, DataJson = "{}", CreatedAt = now };
            db.Profiles.Add(existing);
        }

        existing.DataJson = data.ToJsonString();
        existing.Email = data["email"]?.GetValue<string>();
        existing.PhoneNumber = data["phone_number"] is JsonValue p ? SendRequestParser.NormalisePhone(p.GetValue<string>()) : null;
        existing.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);

        // After commit: the profile's audience memberships follow within the request (incremental, not a recalculation).
        await audiences.ApplyAsync(userId, cancellationToken);
    }
}
