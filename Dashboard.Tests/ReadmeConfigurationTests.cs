using System.Reflection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.RateLimiting;
using NotificationOps.Engine.Retention;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tracking;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Dashboard.Tests;

/// <summary>
/// The configuration table (moved from the README to docs/configuration.md, which the README links) against the options
/// the app binds: no key missing, none that does nothing.
/// </summary>
public sealed class ReadmeConfigurationTests
{
    public static TheoryData<Type, string> OptionsTypes => new()
    {
        { typeof(DatabaseOptions), DatabaseOptions.SectionName },
        { typeof(BootstrapOptions), BootstrapOptions.SectionName },
        { typeof(JobsOptions), JobsOptions.SectionName },
        { typeof(DeliveryOptions), DeliveryOptions.SectionName },
        { typeof(IdempotencyOptions), IdempotencyOptions.SectionName },
        { typeof(AutomationOptions), AutomationOptions.SectionName },
        { typeof(TrackingOptions), TrackingOptions.SectionName },
        { typeof(UnsubscribeOptions), UnsubscribeOptions.SectionName },
        { typeof(RateLimitOptions), RateLimitOptions.SectionName },
        { typeof(RetentionOptions), RetentionOptions.SectionName },
        { typeof(WebhookOptions), WebhookOptions.SectionName },
        { typeof(OperationsOptions), OperationsOptions.SectionName },
        { typeof(StatusPageOptions), StatusPageOptions.SectionName },
    };

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void ConfigurationDoc_DocumentsEveryBoundKey(Type options, string section)
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "configuration.md"));
        var keys = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => $"`{section}:{p.Name}")
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains(key, doc));
    }

    [Fact]
    public void Readme_LinksTheConfigurationDoc()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

        Assert.Contains("(docs/configuration.md)", readme);
    }
}
