using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Serialises the start-up work that must happen once per database (migrations, the job storage's schema, the
/// bootstrap admin and key, the first data-protection key) across instances that start together. On PostgreSQL it is a
/// session advisory lock held on a connection of its own, released when disposed or when the process dies; it
/// first creates the database if it does not exist yet. SQLite is one process per file: nothing to wait for.
/// </summary>
public static class StartupLock
{
    /// <summary>An arbitrary application-wide key for pg_advisory_lock ("NOPS" in ASCII).</summary>
    private const long Key = 0x4E4F5053;

    public static async Task<IAsyncDisposable> AcquireAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsNpgsql())
        {
            return NoLock.Instance;
        }

        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("ConnectionStrings:Notifications is empty.");
        await PostgreSqlDatabase.EnsureExistsAsync(connectionString, cancellationToken);
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                // Closing the session releases the lock in any case.
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
