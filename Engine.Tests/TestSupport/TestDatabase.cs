using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tests.TestSupport;

/// <summary>A migrated SQLite database in a temporary file, deleted on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string path)
    {
        Path = path;
        ConnectionString = SqliteConnectionStrings.Normalise($"Data Source={path}", System.IO.Path.GetTempPath());
        Options = new DbContextOptionsBuilder<NotificationsDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options;
        Factory = new OptionsFactory(Options);
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public DbContextOptions<NotificationsDbContext> Options { get; }

    public IDbContextFactory<NotificationsDbContext> Factory { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nops-tests");
        Directory.CreateDirectory(folder);
        var database = new TestDatabase(System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.db"));
        await using var db = database.Factory.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public NotificationsDbContext CreateContext() => Factory.CreateDbContext();

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
                // A leftover temp file is harmless; failing the test over it would not be.
            }
        }

        return ValueTask.CompletedTask;
    }

    private sealed class OptionsFactory(DbContextOptions<NotificationsDbContext> options) : IDbContextFactory<NotificationsDbContext>
    {
        public NotificationsDbContext CreateDbContext() => new(options);
    }
}
