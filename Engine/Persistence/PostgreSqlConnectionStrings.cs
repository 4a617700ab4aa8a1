using Npgsql;

namespace NotificationOps.Engine.Persistence;

/// <summary>Checks the configured PostgreSQL connection string and fills in what the store relies on.</summary>
public static class PostgreSqlConnectionStrings
{
    public static string Normalise(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Notifications is empty: with Database:Provider=postgresql set it to e.g. 'Host=db;Database=notifications;Username=app;Password=...'.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:Notifications is not a PostgreSQL connection string: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new InvalidOperationException("ConnectionStrings:Notifications has no 'Database': name the database the store lives in.");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException("ConnectionStrings:Notifications has no 'Host'.");
        }

        return builder.ConnectionString;
    }
}
