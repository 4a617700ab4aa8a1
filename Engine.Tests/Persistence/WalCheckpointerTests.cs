using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Persistence;

public sealed class WalCheckpointerTests
{
    [Fact]
    public async Task CopiesTheLogIntoTheDatabaseInTheBackground_AndTruncatesItOnStop()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Held open throughout (outside the pool, which other tests clear): the last connection to close would
        // checkpoint the log itself and delete it, doing the checkpointer's work.
        await using var holder = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await holder.OpenAsync();
        await using (var db = database.CreateContext())
        {
            // About 8 MB of log: far below the commit-time backstop (40 MB), so only the checkpointer moves it.
            var filler = new string('x', 4000);
            for (var i = 0; i < 2000; i++)
            {
                db.Profiles.Add(new Profile { UserId = $"u{i}", DataJson = $"{{\"note\":\"{filler}\"}}" });
            }

            await db.SaveChangesAsync();
        }

        var before = new FileInfo(database.Path).Length;
        Assert.True(before < 4_000_000, $"the rows should still be in the log only, but the file is {before} bytes");
        Assert.True(new FileInfo(database.Path + "-wal").Length > 8_000_000);

        await using var services = new ServiceCollection()
            .AddSingleton(database.Factory)
            .BuildServiceProvider();
        var checkpointer = new WalCheckpointer(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<WalCheckpointer>.Instance);
        await checkpointer.StartAsync(CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (new FileInfo(database.Path).Length < 8_000_000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(new FileInfo(database.Path).Length >= 8_000_000, "the checkpointer should have copied the log into the file");
        await checkpointer.StopAsync(CancellationToken.None);
        // Truncated to nothing (or, once the last connection closed, removed by SQLite altogether).
        var log = new FileInfo(database.Path + "-wal");
        Assert.True(!log.Exists || log.Length == 0, $"the log should be empty after the stop, but it holds {(log.Exists ? log.Length : 0)} bytes");
        await using var check = database.CreateContext();
        Assert.Equal(2000, await check.Profiles.CountAsync());
    }
}
