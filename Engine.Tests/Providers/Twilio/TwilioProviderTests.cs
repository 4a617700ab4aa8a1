using System.Text;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Twilio;

public sealed class TwilioProviderTests
{
    [Fact]
    public async Task SendAsync_PostsFormToMessagesJson_WithBasicAuthAndStatusCallback()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(201, """{"sid":"SM1234567890abcdef1234567890abcdef","status":"queued","to":"+15551234567"}""");
        var provider = ProviderTestSettings.Create("twilio", fake.BaseAddress, publicUrl: "https://notify.acme.test/");

        var result = await provider.SendAsync(ProviderTestSettings.Message("twilio"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, result.Outcome);
        Assert.Equal("SM1234567890abcdef1234567890abcdef", result.ProviderMessageId);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(("POST", $"/2010-04-01/Accounts/{ProviderTestSettings.TwilioSid}/Messages.json"), (request.Method, request.PathAndQuery));
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ProviderTestSettings.TwilioSid}:{ProviderTestSettings.TwilioToken}"));
        Assert.Equal(expectedAuth, request.Headers["Authorization"]);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
        var form = System.Web.HttpUtility.ParseQueryString(request.Body);
        Assert.Equal("+15551234567", form["To"]);
        Assert.Equal("+15005550006", form["From"]);
        Assert.Equal("Your code is 42", form["Body"]);
        Assert.Equal("https://notify.acme.test/webhooks/twilio/p1", form["StatusCallback"]);
        Assert.DoesNotContain(ProviderTestSettings.TwilioToken, result.RequestSummary);
    }

    [Fact]
    public async Task SendAsync_IsPermanent_WithTwilioCode_OnInvalidNumber()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(400, """{"code":21211,"message":"The 'To' number +1555 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}""");
        var provider = ProviderTestSettings.Create("twilio", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("twilio"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("21211", result.Error);
    }
}
