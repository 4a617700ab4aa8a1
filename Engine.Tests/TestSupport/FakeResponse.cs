namespace NotificationOps.Engine.Tests.TestSupport;

public sealed record FakeResponse(int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null)
{
    public TimeSpan Delay { get; init; }
}
