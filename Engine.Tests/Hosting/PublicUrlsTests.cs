using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Hosting;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Hosting;

public sealed class PublicUrlsTests
{
    private static (PublicUrls Urls, TrackingUrls Tracking) Create(Dictionary<string, string?> settings, string? trackingBase = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var urls = new PublicUrls(configuration, new ServiceCollection().BuildServiceProvider());
        return (urls, new TrackingUrls(Options.Create(new TrackingOptions { BaseUrl = trackingBase }), urls));
    }

    [Fact]
    public void Base_IsPublicUrl_ForWebhooksAndTrackingAlike()
    {
        var (urls, tracking) = Create(new() { ["PublicUrl"] = "https://notify.acme.com/", ["Urls"] = "http://0.0.0.0:5080" });

        Assert.Equal("https://notify.acme.com/webhooks/twilio/sms-1", urls.Webhook("twilio", "sms-1").ToString());
        Assert.Equal("https://notify.acme.com/t/o/abc.gif", tracking.Open("abc"));
    }

    [Fact]
    public void Base_IsTheFirstListenAddress_WithAWildcardHostAsLocalhost_WhenPublicUrlIsUnset()
    {
        var (urls, tracking) = Create(new() { ["Urls"] = "http://0.0.0.0:6000;http://127.0.0.1:6001" });

        Assert.Equal("http://localhost:6000/", urls.Base.ToString());
        Assert.Equal("http://localhost:6000/t/c/abc", tracking.Click("abc"));
    }

    [Fact]
    public void TrackingBaseUrl_OverridesPublicUrl_ForTrackingLinksOnly()
    {
        var (urls, tracking) = Create(new() { ["PublicUrl"] = "https://notify.acme.com" }, trackingBase: "https://links.acme.com/");

        Assert.Equal("https://links.acme.com/t/o/abc.gif", tracking.Open("abc"));
        Assert.Equal("https://notify.acme.com/", urls.Base.ToString());
    }

    [Fact]
    public void Base_NamesTheKey_WhenPublicUrlIsNotAnHttpUrl()
    {
        var (urls, _) = Create(new() { ["PublicUrl"] = "ftp://notify.acme.com" });

        var error = Assert.Throws<InvalidOperationException>(() => urls.Base);
        Assert.Contains("PublicUrl must be an absolute http(s) URL", error.Message);
    }
}
