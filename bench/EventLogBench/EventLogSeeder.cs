using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Bench;

/// <summary>Writes messages with realistic histories quickly: prepared statements, 50,000 rows a transaction.</summary>
public static class EventLogSeeder
{
    public static readonly string[] Providers = ["sendgrid", "postmark", "smtp", "twilio", "slack"];
    private static readonly string[] ChannelOf = ["email", "email", "email", "sms", "chat"];
    private static readonly string[] Templates = Enumerable.Range(1, 20).Select(i => $"template-{i}").ToArray();
    private static readonly string[] Tags = ["billing", "onboarding", "security", "marketing", "vip"];

    public static async Task SeedAsync(string connectionString, int count, DateTimeOffset now)
    {
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(42);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
        var start = now.AddDays(-30).UtcTicks;
        var span = now.UtcTicks - start;
        const int batch = 50_000;
        for (var offset = 0; offset < count; offset += batch)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var message = Command(connection, transaction,
                "INSERT INTO Messages (Id, RequestId, Recipient, RecipientEmail, RequestJson, Template, Channel, Provider, Status, Reason, Error, EnqueuedAt, SentAt, DeliveredAt, UpdatedAt, AttemptCount, RouteChannelIndex, RouteProviderIndex, Tags, TraceId) " +
                "VALUES ($id, $id, $recipient, $recipient, '{}', $template, $channel, $provider, $status, $reason, $error, $enqueued, $sent, $delivered, $updated, $attempts, 0, 0, $tags, $trace)",
                "$id", "$recipient", "$template", "$channel", "$provider", "$status", "$reason", "$error", "$enqueued", "$sent", "$delivered", "$updated", "$attempts", "$tags", "$trace");
            await using var history = Command(connection, transaction,
                "INSERT INTO MessageEvents (MessageId, At, Type, Status, Source, Provider, Detail) VALUES ($id, $at, $type, $status, $source, $provider, $detail)",
                "$id", "$at", "$type", "$status", "$source", "$provider", "$detail");
            await using var tag = Command(connection, transaction, "INSERT INTO MessageTags (MessageId, Tag) VALUES ($id, $tag)", "$id", "$tag");
            for (var i = offset; i < Math.Min(count, offset + batch); i++)
            {
                // Ids follow enqueue time, as UUIDv7 ids do.
                var enqueued = start + (long)((double)i / count * span);
                var id = $"{enqueued:x16}{i:x16}";
                var provider = random.Next(Providers.Length);
                var roll = random.NextDouble();
                var status = roll < 0.80 ? MessageStatus.Delivered : roll < 0.90 ? MessageStatus.Sent : roll < 0.95 ? MessageStatus.Undeliverable : roll < 0.98 ? MessageStatus.Opened : MessageStatus.Enqueued;
                var sent = status is MessageStatus.Enqueued or MessageStatus.Undeliverable ? (long?)null : enqueued + 2_000_000;
                var delivered = status is MessageStatus.Delivered or MessageStatus.Opened ? enqueued + 40_000_000 : (long?)null;
                var tags = random.NextDouble() < 0.3 ? Tags[random.Next(Tags.Length)] : null;
                Set(message, id, $"user{random.Next(100_000)}@example.com", Templates[random.Next(Templates.Length)], ChannelOf[provider], Providers[provider],
                    (int)status, status == MessageStatus.Undeliverable ? (int)MessageReason.ProviderError : null,
                    status == MessageStatus.Undeliverable ? "permanent: HTTP 400 invalid recipient" : null,
                    enqueued, sent, delivered, delivered ?? sent ?? enqueued, status == MessageStatus.Undeliverable ? 2 : 1, tags, $"trace-{i}");
                await message.ExecuteNonQueryAsync();
                await AddEvent(history, id, enqueued, MessageStatus.Enqueued, "api", null);
                if (sent is { } s)
                {
                    await AddEvent(history, id, s, MessageStatus.Sent, "pipeline", Providers[provider]);
                }

                if (delivered is { } d)
                {
                    await AddEvent(history, id, d, MessageStatus.Delivered, "webhook", Providers[provider]);
                }

                if (status == MessageStatus.Undeliverable)
                {
                    await AddEvent(history, id, enqueued + 3_000_000, MessageStatus.Undeliverable, "pipeline", Providers[provider]);
                }

                if (tags is not null)
                {
                    tag.Parameters["$id"].Value = id;
                    tag.Parameters["$tag"].Value = tags;
                    await tag.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
            Console.Write($"\r  seeded {Math.Min(count, offset + batch):N0} of {count:N0} ({stopwatch.Elapsed.TotalSeconds:0} s)");
        }

        await Exec(connection, "PRAGMA synchronous=NORMAL; ANALYZE;");
        Console.WriteLine();
    }

    private static async Task AddEvent(SqliteCommand command, string id, long at, MessageStatus status, string source, string? provider)
    {
        command.Parameters["$id"].Value = id;
        command.Parameters["$at"].Value = at;
        command.Parameters["$type"].Value = status.ToWire();
        command.Parameters["$status"].Value = (int)status;
        command.Parameters["$source"].Value = source;
        command.Parameters["$provider"].Value = (object?)provider ?? DBNull.Value;
        command.Parameters["$detail"].Value = DBNull.Value;
        await command.ExecuteNonQueryAsync();
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
