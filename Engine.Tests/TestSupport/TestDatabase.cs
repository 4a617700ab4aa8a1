using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tests.TestSupport;

/// <summary>
/// A migrated database of its own, deleted on dispose: a temporary SQLite file, or, when the run targets PostgreSQL
/// (<see cref="TestPostgres.IsSelected"/>, as ./test.sh's second pass does), a fresh database on the private cluster.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string path, string connectionString)
    {
        Provider = provider;
        Path = path;
        ConnectionString = connectionString;
        var options = new DbContextOptionsBuilder<NotificationsDbContext>();
        Options = (provider == DatabaseProvider.PostgreSql
            ? options.UseNpgsql(connectionString)
            : options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmaInterceptor())).Options;
        Factory = new OptionsFactory(Options);
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite file (empty on PostgreSQL).</summary>
    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>The value of <c>Database:Provider</c> for a host on this database.</summary>
    public string ProviderSetting => Provider == DatabaseProvider.PostgreSql ? DatabaseOptions.PostgreSql : DatabaseOptions.Sqlite;

    public DbContextOptions<NotificationsDbContext> Options { get; }

    public IDbContextFactory<NotificationsDbContext> Factory { get; }

    /// <summary>On the provider this test run targets.</summary>
    public static Task<TestDatabase> CreateAsync() =>
        CreateAsync(TestPostgres.IsSelected ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            return new TestDatabase(provider, string.Empty, await TestPostgres.CreateDatabaseAsync());
        }

        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nops-tests");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        var database = new TestDatabase(provider, path, SqliteConnectionStrings.Normalise($"Data Source={path}", System.IO.Path.GetTempPath()));
        await using var db = database.Factory.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public NotificationsDbContext CreateContext() => Factory.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await TestPostgres.DropDatabaseAsync(ConnectionString);
            return;
        }

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
    }

    private sealed class OptionsFactory(DbContextOptions<NotificationsDbContext> options) : IDbContextFactory<NotificationsDbContext>
    {
        public NotificationsDbContext CreateDbContext() => new(options);
    }
}
