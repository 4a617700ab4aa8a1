using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Tests.Http;

public sealed class UrlDisplayTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/T0001/B0002/secret", "https://hooks.slack.com/…")]
    [InlineData("http://10.0.0.5:8080/hook?token=abc", "http://10.0.0.5:8080/…")]
    [InlineData("https://example.com/", "https://example.com")]
    [InlineData("https://example.com", "https://example.com")]
    [InlineData("not a url", "(an invalid URL)")]
    [InlineData(null, "(an invalid URL)")]
    public void Origin_ShowsSchemeHostAndPortOnly(string? url, string expected) =>
        Assert.Equal(expected, UrlDisplay.Origin(url));
}
