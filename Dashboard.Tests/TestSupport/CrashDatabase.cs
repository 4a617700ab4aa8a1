using System.Globalization;
using Microsoft.Data.Sqlite;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// What a killed app left in its SQLite file, read directly: between the kill and the restart no API answers, and
/// after the restart the app has already begun to change it.
/// </summary>
public static class CrashDatabase
{
    /// <summary>Attempts recorded before the provider call and never finished: the work in flight at the kill.</summary>
    public static int PendingAttempts(string database) => Count(database, "SELECT COUNT(*) FROM DeliveryAttempts WHERE Outcome = 0");

    /// <summary>The messages of <see cref="PendingAttempts"/>.</summary>
    public static HashSet<string> PendingAttemptMessageIds(string database) =>
        Strings(database, "SELECT DISTINCT MessageId FROM DeliveryAttempts WHERE Outcome = 0");

    public static int Count(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The messages whose history says an interrupted attempt was sent again.</summary>
    public static HashSet<string> ResentMessageIds(string database) =>
        Strings(database, "SELECT DISTINCT MessageId FROM MessageEvents WHERE Type = 'RESENT_AFTER_CRASH'");

    private static HashSet<string> Strings(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        return connection;
    }
}
