using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tests.Persistence;

public sealed class DatabaseOptionsTests
{
    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSQL", DatabaseProvider.PostgreSql)]
    public void Read_AnswersTheProvider_ForAKnownValue(string? value, DatabaseProvider expected)
    {
        Assert.Equal(expected, DatabaseOptions.Read(Configuration(("Database:Provider", value))));
    }

    [Fact]
    public void Read_FailsNamingTheKey_ForAnUnknownValue()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.Read(Configuration(("Database:Provider", "mysql"))));

        Assert.Contains("Database:Provider", error.Message);
    }

    [Fact]
    public void PostgreSqlConnectionString_FailsNamingTheKey_WithoutADatabase()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgreSqlConnectionStrings.Normalise("Host=db;Username=app"));

        Assert.Contains("ConnectionStrings:Notifications", error.Message);
    }

    internal static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
