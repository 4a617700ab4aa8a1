using Microsoft.Extensions.Options;
using NotificationOps.Engine.Providers.Smtp;

namespace NotificationOps.Engine.Tests.Providers.Smtp;

public sealed class SmtpProviderFactoryTests
{
    [Fact]
    public void Create_BuildsEmailProvider_FromSection()
    {
        using var provider = SmtpTestConfig.Create(2525);

        Assert.Equal("smtp", provider.Id);
        Assert.Equal("smtp", provider.Type);
        Assert.Equal("email", provider.Channel);
        Assert.Equal(10, provider.Priority);
    }

    [Fact]
    public void Create_AppliesDefaults_WhenOnlyHostAndFromAreSet()
    {
        var values = new Dictionary<string, string?>
        {
            ["Providers:smtp:Type"] = "smtp",
            ["Providers:smtp:Host"] = "relay.example.test",
            ["Providers:smtp:From"] = "alerts@acme.test",
        };

        using var provider = (SmtpProvider)SmtpTestConfig.Create(values);

        Assert.Equal("email", provider.Channel);
        var defaults = new SmtpOptions();
        Assert.Equal((587, SmtpSecurity.Auto, 30, 4), (defaults.Port, defaults.Security, defaults.TimeoutSeconds, defaults.PoolSize));
    }

    [Theory]
    [InlineData("Host", null, "Providers:smtp:Host is required")]
    [InlineData("Host", " ", "Providers:smtp:Host is required")]
    [InlineData("From", null, "Providers:smtp:From is required")]
    [InlineData("From", "alerts", "Providers:smtp:From is not an email address")]
    [InlineData("Port", "0", "Providers:smtp:Port must be between 1 and 65535")]
    [InlineData("Port", "smtp", "Providers:smtp:Port")]
    [InlineData("Security", "Tls", "Providers:smtp:Security must be one of None, StartTls, SslOnConnect, Auto")]
    [InlineData("Security", "7", "Providers:smtp:Security must be one of")]
    [InlineData("TimeoutSeconds", "0", "Providers:smtp:TimeoutSeconds must be between 1 and 3600")]
    [InlineData("PoolSize", "0", "Providers:smtp:PoolSize must be between 1 and 100")]
    [InlineData("Channel", "sms", "Providers:smtp:Channel must be email")]
    public void Create_NamesKeyToFix_WhenValueIsInvalid(string key, string? value, string expected)
    {
        var values = SmtpTestConfig.For(2525);
        values[$"Providers:smtp:{key}"] = value;

        var error = Assert.Throws<OptionsValidationException>(() => SmtpTestConfig.Create(values));

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_NamesUsername_WhenPasswordIsSetAlone()
    {
        var values = SmtpTestConfig.For(2525);
        values["Providers:smtp:Password"] = "s3cret-Pa55word";

        var error = Assert.Throws<OptionsValidationException>(() => SmtpTestConfig.Create(values));

        Assert.Equal("Providers:smtp:Username is required when Providers:smtp:Password is set", Assert.Single(error.Failures));
        Assert.DoesNotContain("s3cret-Pa55word", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ListsEveryProblem_WhenSeveralKeysAreWrong()
    {
        var values = SmtpTestConfig.For(2525);
        values.Remove("Providers:smtp:Host");
        values.Remove("Providers:smtp:From");

        var error = Assert.Throws<OptionsValidationException>(() => SmtpTestConfig.Create(values));

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains("Providers:smtp:Host is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Providers:smtp:From is required", error.Message, StringComparison.Ordinal);
    }
}
