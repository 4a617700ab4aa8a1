using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Persistence;

public sealed class WalCheckpointerTests
{
    [Fact]
    public async Task CopiesTheLogIntoTheDatabaseInTheBackground_AndTruncatesItOnStop()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        // The rows are written on a connection of the test's own, outside the pool (which other tests clear) and
        // kept open throughout, with commit-time checkpoints off: so neither a commit nor the close of the last
        // connection copies the log, and whatever reaches the file is the checkpointer's doing.
        await using var writer = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await writer.OpenAsync();
        await using (var pragma = writer.CreateCommand())
        {
            pragma.CommandText = "PRAGMA wal_autocheckpoint=0;";
            await pragma.ExecuteNonQueryAsync();
        }

        await using (var transaction = writer.BeginTransaction())
        {
            await using var insert = writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Profiles (UserId, DataJson, CreatedAt, UpdatedAt) VALUES ($id, $data, 0, 0)";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            insert.Parameters.AddWithValue("$data", $"{{\"note\":\"{new string('x', 4000)}\"}}"); // about 8 MB in all
            for (var i = 0; i < 2000; i++)
            {
                id.Value = $"u{i}";
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        var before = new FileInfo(database.Path).Length;
        Assert.True(before < 4_000_000, $"the rows should still be in the log only, but the file is {before} bytes");
        Assert.True(new FileInfo(database.Path + "-wal").Length > 8_000_000);

        await using var services = new ServiceCollection()
            .AddSingleton(database.Factory)
            .BuildServiceProvider();
        var checkpointer = new WalCheckpointer(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<WalCheckpointer>.Instance);
        await checkpointer.StartAsync(CancellationToken.None);

        await Eventually.HoldsAsync(() => new FileInfo(database.Path).Length >= 8_000_000,
            "the checkpointer to copy the log into the file", TimeSpan.FromSeconds(15));
        await checkpointer.StopAsync(CancellationToken.None);
        Assert.Equal(0, new FileInfo(database.Path + "-wal").Length); // truncated (our connection keeps it from being removed)
        await using var check = database.CreateContext();
        Assert.Equal(2000, await check.Profiles.CountAsync());
    }
}
