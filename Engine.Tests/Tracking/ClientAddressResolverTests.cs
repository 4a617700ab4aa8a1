using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

public sealed class ClientAddressResolverTests
{
    [Theory]
    [InlineData(new string[0], "10.0.0.2", "203.0.113.9", "10.0.0.2")]
    [InlineData(new[] { "10.0.0.0/8" }, "10.0.0.2", "203.0.113.9", "203.0.113.9")]
    [InlineData(new[] { "10.0.0.0/8" }, "10.0.0.2", "198.51.100.1, 203.0.113.9, 10.0.0.7", "203.0.113.9")]
    [InlineData(new[] { "10.0.0.2" }, "192.0.2.50", "203.0.113.9", "192.0.2.50")]
    [InlineData(new[] { "10.0.0.0/8" }, "10.0.0.2", "not-an-ip", "10.0.0.2")]
    public void Resolve_BelievesForwardedFor_OnlyFromTrustedProxies(string[] trusted, string remote, string forwardedFor, string expected)
    {
        var resolver = new ClientAddressResolver(Options.Create(new TrackingOptions { TrustedProxies = trusted }));
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;

        Assert.Equal(IPAddress.Parse(expected), resolver.Resolve(context));
    }
}
