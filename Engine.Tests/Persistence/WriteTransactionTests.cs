using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Persistence;

public sealed class WriteTransactionTests
{
    private readonly SqliteWriteTransactions writes = new();

    [Fact]
    public async Task SecondWriter_WaitsForTheFirstsCommit_AndThenSeesItsRows()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();

        var held = await writes.BeginAsync(first);
        first.Profiles.Add(NewProfile("one"));
        await first.SaveChangesAsync();

        var waiting = Task.Run(async () =>
        {
            await using var transaction = await writes.BeginAsync(second);
            var seen = await second.Profiles.CountAsync();
            second.Profiles.Add(NewProfile("two"));
            await second.SaveChangesAsync();
            await transaction.CommitAsync();
            return seen;
        });

        await Task.Delay(200);
        Assert.False(waiting.IsCompleted); // queued in the process, not failed and not inside SQLite's lock
        await held.CommitAsync();
        await held.DisposeAsync();

        Assert.Equal(1, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Profiles.CountAsync());
    }

    [Fact]
    public async Task DisposingWithoutCommit_RollsBack_AndLetsTheNextWriterIn()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.CreateContext())
        {
            await using var abandoned = await writes.BeginAsync(db);
            db.Profiles.Add(NewProfile("lost"));
            await db.SaveChangesAsync();
        }

        await using var next = database.CreateContext();
        await using var transaction = await writes.BeginAsync(next).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await next.Profiles.CountAsync());
        await transaction.RollbackAsync();
        await using var after = await writes.BeginAsync(next).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WritersOfDifferentDatabases_DoNotWaitForEachOther()
    {
        await using var one = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var two = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var a = one.CreateContext();
        await using var b = two.CreateContext();

        await using var held = await writes.BeginAsync(a);
        await using var other = await writes.BeginAsync(b).WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static Profile NewProfile(string userId) => new() { UserId = userId, DataJson = "{}", UpdatedAt = DateTimeOffset.UtcNow };
}
