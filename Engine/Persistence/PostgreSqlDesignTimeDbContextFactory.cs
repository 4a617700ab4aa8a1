using Microsoft.EntityFrameworkCore.Design;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add --context PostgreSqlMigrationsContext</c> build the PostgreSQL model. Adding a
/// migration never connects, so the connection string only has to parse.
/// </summary>
public sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlMigrationsContext>
{
    public PostgreSqlMigrationsContext CreateDbContext(string[] args) =>
        PostgreSqlMigrationsContext.Create("Host=localhost;Database=notifications_design_time");
}
