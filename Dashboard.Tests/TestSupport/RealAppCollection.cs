namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// Tests that start the real app as a process and drive a browser: run one at a time, after the others, so a
/// 2-core machine gives each the CPU a Blazor circuit and a browser need.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealAppCollection
{
    public const string Name = "Real app";
}
