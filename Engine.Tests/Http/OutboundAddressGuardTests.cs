using System.Net;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Tests.Http;

public sealed class OutboundAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("224.0.0.1")]
    public void IsRefused_True_ForInternalAddresses(string address) => Assert.True(OutboundAddressGuard.IsRefused(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700::1111")]
    public void IsRefused_False_ForPublicAddresses(string address) => Assert.False(OutboundAddressGuard.IsRefused(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public async Task CheckUrlAsync_RefusesInternalTargets_NamingTheSetting(string url)
    {
        var problem = await OutboundAddressGuard.CheckUrlAsync(url, allowPrivate: false, "Webhooks:AllowPrivateAddresses");

        Assert.NotNull(problem);
        Assert.Contains("Webhooks:AllowPrivateAddresses", problem);
    }

    [Theory]
    [InlineData("ftp://example.com/x")]
    [InlineData("/relative")]
    [InlineData("http://user:pw@example.com/")]
    public async Task CheckUrlAsync_RefusesNonHttpUrls_EvenWhenPrivateAllowed(string url) =>
        Assert.NotNull(await OutboundAddressGuard.CheckUrlAsync(url, allowPrivate: true, "X"));

    [Fact]
    public async Task CheckUrlAsync_AllowsLoopback_WhenConfigured() =>
        Assert.Null(await OutboundAddressGuard.CheckUrlAsync("http://127.0.0.1:9/hook", allowPrivate: true, "X"));

    [Fact]
    public async Task Handler_RefusesLoopbackAtConnect_WhenNotAllowed()
    {
        await using var receiver = await TestSupport.FakeProviderServer.StartAsync();
        using var client = new HttpClient(OutboundAddressGuard.CreateHandler(allowPrivate: false));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(receiver.BaseAddress));

        Assert.Contains("SSRF", error.Message);
        Assert.Empty(receiver.Requests);
    }
}
