using Microsoft.Data.Sqlite;
using NotificationOps.Engine.Jobs;

namespace NotificationOps.Engine.Tests.Persistence;

/// <summary>
/// Hangfire.Storage.SQLite brings sqlite-net and SQLitePCLRaw 3 where EF Core's Microsoft.Data.Sqlite was built on
/// SQLitePCLRaw 2, and two packages ship libe_sqlite3.so: both libraries must run on the one native SQLite loaded.
/// </summary>
public sealed class NativeSqliteTests
{
    [Fact]
    public void EfCoreAndTheJobStorage_RunOnOneNativeSqlite_InSerializedCapableBuild()
    {
        using var ef = new SqliteConnection("Data Source=:memory:");
        ef.Open();
        using var command = ef.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var efVersion = (string)command.ExecuteScalar()!;
        var path = Path.Combine(Path.GetTempPath(), $"nops-native-{Guid.NewGuid():N}.db");
        try
        {
            using var jobs = SqliteJobStorage.Connect(path);

            Assert.Equal(efVersion, jobs.ExecuteScalar<string>("SELECT sqlite_version()"));
            // 0 would mean a single-threaded build, in which the job storage's FullMutex connections are not serialized.
            Assert.NotEqual(0, SQLitePCL.raw.sqlite3_threadsafe());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
