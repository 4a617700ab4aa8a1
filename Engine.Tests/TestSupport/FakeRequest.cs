namespace NotificationOps.Engine.Tests.TestSupport;

public sealed record FakeRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
