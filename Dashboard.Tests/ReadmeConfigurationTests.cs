using System.Reflection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Retention;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Dashboard.Tests;

/// <summary>The README's configuration table against the options the app binds: no key missing, none that does nothing.</summary>
public sealed class ReadmeConfigurationTests
{
    public static TheoryData<Type, string> OptionsTypes => new()
    {
        { typeof(BootstrapOptions), BootstrapOptions.SectionName },
        { typeof(JobsOptions), JobsOptions.SectionName },
        { typeof(DeliveryOptions), DeliveryOptions.SectionName },
        { typeof(TrackingOptions), TrackingOptions.SectionName },
        { typeof(RetentionOptions), RetentionOptions.SectionName },
    };

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void Readme_DocumentsEveryBoundKey(Type options, string section)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var keys = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => $"`{section}:{p.Name}")
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains(key, readme));
    }
}
