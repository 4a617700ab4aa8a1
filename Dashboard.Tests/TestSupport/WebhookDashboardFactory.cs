using Microsoft.AspNetCore.Hosting;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>The API app plus a Postmark (Basic auth) and a Mailgun (HMAC) integration, so webhook calls can be validly signed.</summary>
public sealed class WebhookDashboardFactory : ApiDashboardFactory
{
    public const string PostmarkCredentials = "hooks:s3cret";
    public const string MailgunSigningKey = "mg-signing-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Providers:pm:Type", "postmark");
        builder.UseSetting("Providers:pm:Channel", "email");
        builder.UseSetting("Providers:pm:ServerToken", "pm-token");
        builder.UseSetting("Providers:pm:From", "noreply@acme.test");
        builder.UseSetting("Providers:pm:WebhookUsername", "hooks");
        builder.UseSetting("Providers:pm:WebhookPassword", "s3cret");
        builder.UseSetting("Providers:mg:Type", "mailgun");
        builder.UseSetting("Providers:mg:Channel", "email");
        builder.UseSetting("Providers:mg:ApiKey", "mg-api-key");
        builder.UseSetting("Providers:mg:Domain", "mg.acme.test");
        builder.UseSetting("Providers:mg:From", "noreply@acme.test");
        builder.UseSetting("Providers:mg:WebhookSigningKey", MailgunSigningKey);
    }
}
