using Microsoft.Data.Sqlite;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tests.Persistence;

public sealed class SqliteConnectionStringsTests
{
    [Fact]
    public void Normalise_ResolvesRelativePathAgainstContentRoot_AndCreatesFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "nops-tests", Guid.NewGuid().ToString("N"));

        var normalised = new SqliteConnectionStringBuilder(
            SqliteConnectionStrings.Normalise("Data Source=data/notifications.db", root));

        Assert.Equal(Path.Combine(root, "data", "notifications.db"), normalised.DataSource);
        Assert.True(Directory.Exists(Path.Combine(root, "data")));
        Assert.True(normalised.ForeignKeys);
        Assert.True(normalised.DefaultTimeout >= 30);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Normalise_UsesDefaultFile_WhenNothingConfigured()
    {
        var root = Path.Combine(Path.GetTempPath(), "nops-tests", Guid.NewGuid().ToString("N"));

        var normalised = new SqliteConnectionStringBuilder(SqliteConnectionStrings.Normalise(null, root));

        Assert.Equal(Path.Combine(root, "data", "notifications.db"), normalised.DataSource);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Normalise_KeepsAbsolutePath()
    {
        var file = Path.Combine(Path.GetTempPath(), "nops-tests", "absolute.db");

        var normalised = new SqliteConnectionStringBuilder(SqliteConnectionStrings.Normalise($"Data Source={file}", "/somewhere/else"));

        Assert.Equal(file, normalised.DataSource);
    }

    [Fact]
    public void Normalise_RejectsConnectionStringWithoutDataSource()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqliteConnectionStrings.Normalise("Mode=ReadWrite", "/tmp"));

        Assert.Contains("ConnectionStrings:Notifications", error.Message);
    }
}
