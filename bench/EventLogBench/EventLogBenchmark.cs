using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Bench;

public static class EventLogBenchmark
{
    private const int Warmup = 20;
    private const int Runs = 300;

    public static async Task<int> RunAsync(int count, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = SqliteConnectionStrings.Normalise($"Data Source={path}", Path.GetTempPath());
        var options = new DbContextOptionsBuilder<NotificationsDbContext>().UseSqlite(connectionString).AddInterceptors(new SqlitePragmaInterceptor()).Options;
        var factory = new PooledDbContextFactory<NotificationsDbContext>(options);
        var now = DateTimeOffset.UtcNow;
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            var existing = await db.Messages.CountAsync();
            if (existing != count)
            {
                if (existing > 0)
                {
                    throw new InvalidOperationException($"{path} holds {existing:N0} messages, not {count:N0}; delete it or pass another path.");
                }

                Console.WriteLine($"Seeding {count:N0} messages into {path}");
                await EventLogSeeder.SeedAsync(connectionString, count, now);
            }
            else
            {
                Console.WriteLine($"Reusing {path} ({count:N0} messages)");
            }
        }

        var queries = new MessageQueries(factory);
        MessageCursor middle;
        DateTimeOffset newest;
        await using (var db = factory.CreateDbContext())
        {
            var row = await db.Messages.AsNoTracking().OrderByDescending(m => m.EnqueuedAt).ThenByDescending(m => m.Id).Skip(count / 2).Select(m => new { m.EnqueuedAt, m.Id }).FirstAsync();
            middle = new MessageCursor(row.EnqueuedAt, row.Id);
            newest = await db.Messages.MaxAsync(m => m.EnqueuedAt);
        }

        var scenarios = new (string Name, MessageFilter Filter, MessageCursor? Cursor)[]
        {
            ("first page, no filter", new MessageFilter(), null),
            ("deep page, no filter", new MessageFilter(), middle),
            ("first page, status=UNDELIVERABLE", new MessageFilter { Statuses = [MessageStatus.Undeliverable] }, null),
            ("deep page, status=UNDELIVERABLE", new MessageFilter { Statuses = [MessageStatus.Undeliverable] }, middle),
            ("first page, provider=sendgrid, status=SENT,DELIVERED", new MessageFilter { Providers = ["sendgrid"], Statuses = [MessageStatus.Sent, MessageStatus.Delivered] }, null),
            ("first page, status=OPENED,UNDELIVERABLE", new MessageFilter { Statuses = [MessageStatus.Opened, MessageStatus.Undeliverable] }, null),
            ("first page, status=UNROUTABLE,CANCELED (no such rows)", new MessageFilter { Statuses = [MessageStatus.Unroutable, MessageStatus.Canceled] }, null),
            ("first page, tag=vip", new MessageFilter { Tags = ["vip"] }, null),
            ("last hour, provider=twilio, status=UNDELIVERABLE", new MessageFilter { Providers = ["twilio"], Statuses = [MessageStatus.Undeliverable], EnqueuedAfter = newest.AddHours(-1) }, null),
            ("recipient prefix user4242", new MessageFilter { RecipientPrefix = "user4242" }, null),
            ("trace id lookup", new MessageFilter { Search = $"trace-{count / 3}" }, null),
        };

        Console.WriteLine();
        Console.WriteLine($"| query ({count:N0} messages) | Engine p50 ms | Engine p95 ms | raw p50 ms | raw p95 ms | Engine/raw (p95) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        await using var raw = new SqliteConnection(connectionString);
        await raw.OpenAsync();
        // Every path once many times before any timing: the JIT's tiered recompilation runs on a background
        // thread, and on two cores it would otherwise land inside the first scenario's runs.
        foreach (var (_, filter, cursor) in scenarios)
        {
            var sql = MessageQueries.PageSql(filter, cursor, 50);
            for (var i = 0; i < 50; i++)
            {
                await queries.ListAsync(filter, cursor, 50);
                await ReadAllAsync(raw, sql);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        foreach (var (name, filter, cursor) in scenarios)
        {
            // Exactly the statement and parameters MessageQueries.ListAsync runs.
            var sql = MessageQueries.PageSql(filter, cursor, 50);
            var (engine, rawTimes) = await TimePairAsync(() => queries.ListAsync(filter, cursor, 50), () => ReadAllAsync(raw, sql));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {P(engine, 50):0.00} | {P(engine, 95):0.00} | {P(rawTimes, 50):0.00} | {P(rawTimes, 95):0.00} | {P(engine, 95) / Math.Max(0.001, P(rawTimes, 95)):0.00} |"));
        }

        await raw.CloseAsync();
        if (Environment.GetEnvironmentVariable("NOPS_BENCH_SKIP_PAGE") != "1")
        {
            await PageRenderTimer.RunAsync(path, count);
        }

        return 0;
    }

    /// <summary>
    /// Times both paths alternately, run by run, so that a burst of load from elsewhere on the machine falls on
    /// both sides of the ratio instead of on whichever happened to be running.
    /// </summary>
    private static async Task<(double[] First, double[] Second)> TimePairAsync<T1, T2>(Func<Task<T1>> first, Func<Task<T2>> second)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await first();
            await second();
        }

        var firstTimes = new double[Runs];
        var secondTimes = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await first();
            firstTimes[i] = stopwatch.Elapsed.TotalMilliseconds;
            stopwatch.Restart();
            await second();
            secondTimes[i] = stopwatch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(firstTimes);
        Array.Sort(secondTimes);
        return (firstTimes, secondTimes);
    }

    private static double P(double[] sorted, int percentile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];

    /// <summary>The raw side: the statement on an open connection, a new command per run, every column read.</summary>
    private static async Task<int> ReadAllAsync(SqliteConnection connection, MessagePageSql sql)
    {
        await using var command = RawCommand(connection, sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }

            rows++;
        }

        return rows;
    }

    private static SqliteCommand RawCommand(SqliteConnection connection, MessagePageSql sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql.Text;
        foreach (var (name, value) in sql.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
