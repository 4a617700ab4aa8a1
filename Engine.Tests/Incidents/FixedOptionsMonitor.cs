using Microsoft.Extensions.Options;

namespace NotificationOps.Engine.Tests.Incidents;

/// <summary>Options that never change, for services constructed directly in a test.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
