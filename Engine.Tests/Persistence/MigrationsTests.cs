using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Persistence;

public sealed class MigrationsTests
{
    [Fact]
    public async Task Model_HasNoPendingChanges_AgainstMigrations()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the SQLite migrations: run 'scripts/add-migration.sh <Name>' (it adds one for each provider).");
    }

    [Fact]
    public void Model_HasNoPendingChanges_AgainstPostgreSqlMigrations()
    {
        // Comparing the model with the snapshot needs no server.
        using var db = PostgreSqlMigrationsContext.Create("Host=localhost;Database=model_check");

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the PostgreSQL migrations: run 'scripts/add-migration.sh <Name>' (it adds one for each provider).");
    }

    [Fact]
    public async Task Initializer_AppliesEveryMigration_OnTheRunsProvider()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await new DatabaseInitializer(db, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
        await using var migrations = database.Provider == DatabaseProvider.PostgreSql
            ? PostgreSqlMigrationsContext.Create(database.ConnectionString)
            : database.CreateContext();

        Assert.Empty(await migrations.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await migrations.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Initializer_AppliesEveryMigration_AndTurnsOnWal()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        await new DatabaseInitializer(db, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode;"));
        Assert.Equal("1", await ScalarAsync(db, "PRAGMA foreign_keys;"));
        Assert.Equal("1", await ScalarAsync(db, "PRAGMA synchronous;")); // NORMAL
        Assert.Equal("30000", await ScalarAsync(db, "PRAGMA busy_timeout;"));
    }

    private static async Task<string?> ScalarAsync(NotificationsDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
