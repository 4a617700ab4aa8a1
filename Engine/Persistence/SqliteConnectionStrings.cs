using Microsoft.Data.Sqlite;

namespace NotificationOps.Engine.Persistence;

/// <summary>Normalises the configured SQLite connection string so every connection is opened the same way.</summary>
public static class SqliteConnectionStrings
{
    /// <summary>
    /// Resolves a relative file against <paramref name="contentRoot"/>, creates its folder, and turns on
    /// foreign keys and a busy timeout so that concurrent writers wait instead of failing.
    /// </summary>
    public static string Normalise(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? PersistenceOptions.DefaultConnectionString : configured);

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Notifications has no 'Data Source'. Set it to a file path, e.g. 'Data Source=data/notifications.db'.");
        }

        var inMemory = builder.Mode == SqliteOpenMode.Memory
            || string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase);
        if (!inMemory)
        {
            var path = Path.IsPathRooted(builder.DataSource)
                ? builder.DataSource
                : Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            builder.DataSource = path;
        }

        builder.ForeignKeys = true;
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        builder.Pooling = true;
        return builder.ToString();
    }
}
