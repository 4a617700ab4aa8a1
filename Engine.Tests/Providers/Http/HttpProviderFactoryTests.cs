namespace NotificationOps.Engine.Tests.Providers.Http;

/// <summary>An invalid provider section stops the start with the keys to fix.</summary>
public sealed class HttpProviderFactoryTests
{
    [Theory]
    [InlineData("sendgrid", "ApiKey", "Providers:p1:ApiKey is required.")]
    [InlineData("postmark", "ServerToken", "Providers:p1:ServerToken is required.")]
    [InlineData("mailgun", "Domain", "Providers:p1:Domain is required.")]
    [InlineData("twilio", "From", "Providers:p1:From or Providers:p1:MessagingServiceSid is required.")]
    [InlineData("slack", "BotToken", "Providers:p1:BotToken or Providers:p1:WebhookUrl is required (one of them).")]
    [InlineData("teams", "WebhookUrl", "Providers:p1:WebhookUrl is required (an absolute http(s) URL).")]
    [InlineData("fcm", "ServiceAccountJson", "Providers:p1:ServiceAccountJson is required.")]
    public void Create_NamesTheMissingKey(string kind, string key, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProviderTestSettings.Create(kind, new Uri("http://127.0.0.1:9/"), configure: values => values.Remove($"Providers:p1:{key}")));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Create_RefusesAChannelTheProviderCannotSendOn()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProviderTestSettings.Create("twilio", new Uri("http://127.0.0.1:9/"), configure: values => values["Providers:p1:Channel"] = "email"));

        Assert.Contains("Providers:p1:Channel must be sms for a twilio provider", error.Message);
    }

    [Fact]
    public void Create_RefusesAServiceAccountThatIsNotAKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProviderTestSettings.Create("fcm", new Uri("http://127.0.0.1:9/"), configure: values => values["Providers:p1:ServiceAccountJson"] = """{"project_id":"p"}"""));

        Assert.Contains("Providers:p1:ServiceAccountJson is not a usable service account key", error.Message);
    }
}
