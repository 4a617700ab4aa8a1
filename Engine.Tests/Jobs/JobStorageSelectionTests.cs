using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Tests.Persistence;

namespace NotificationOps.Engine.Tests.Jobs;

public sealed class JobStorageSelectionTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, JobStorageKind.Memory)]
    [InlineData(DatabaseProvider.PostgreSql, JobStorageKind.PostgreSql)]
    public void Read_DefaultsByDatabase_WhenUnset(DatabaseProvider database, JobStorageKind expected)
    {
        Assert.Equal(expected, JobStorageSelection.Read(DatabaseOptionsTests.Configuration(), database));
    }

    [Fact]
    public void Read_AllowsMemory_OnPostgreSql()
    {
        Assert.Equal(JobStorageKind.Memory, JobStorageSelection.Read(DatabaseOptionsTests.Configuration(("Jobs:Storage", "memory")), DatabaseProvider.PostgreSql));
    }

    [Fact]
    public void Read_AllowsSqlite_OnSqlite()
    {
        Assert.Equal(JobStorageKind.Sqlite, JobStorageSelection.Read(DatabaseOptionsTests.Configuration(("Jobs:Storage", "sqlite")), DatabaseProvider.Sqlite));
    }

    [Fact]
    public void Read_FailsNamingTheKey_ForSqliteOnPostgreSql()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            JobStorageSelection.Read(DatabaseOptionsTests.Configuration(("Jobs:Storage", "sqlite")), DatabaseProvider.PostgreSql));

        Assert.Contains("Jobs:Storage", error.Message);
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("redis")]
    public void Read_FailsNamingTheKey_ForAStorageSqliteCannotUse(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            JobStorageSelection.Read(DatabaseOptionsTests.Configuration(("Jobs:Storage", value)), DatabaseProvider.Sqlite));

        Assert.Contains("Jobs:Storage", error.Message);
    }
}
