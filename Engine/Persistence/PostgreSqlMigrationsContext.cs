using Microsoft.EntityFrameworkCore;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// The store's model for PostgreSQL's migrations set (Persistence/PostgreSqlMigrations). EF Core ties a migration to
/// one context type, so the second set needs a second type; it adds nothing to the model. The app itself reads and
/// writes through <see cref="NotificationsDbContext"/> on either database; this type only migrates (and is what
/// <c>dotnet ef migrations add --context PostgreSqlMigrationsContext</c> builds, see scripts/add-migration.sh).
/// </summary>
public sealed class PostgreSqlMigrationsContext(DbContextOptions<PostgreSqlMigrationsContext> options) : NotificationsDbContext(options)
{
    public static PostgreSqlMigrationsContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgreSqlMigrationsContext>().UseNpgsql(connectionString).Options);
}
