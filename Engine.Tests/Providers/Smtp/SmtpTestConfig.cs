using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Smtp;

namespace NotificationOps.Engine.Tests.Providers.Smtp;

/// <summary>Builds SMTP providers the way the engine will: from a Providers:&lt;id&gt; configuration section.</summary>
internal static class SmtpTestConfig
{
    public const string Id = "smtp";

    public const string From = "Acme Alerts <alerts@acme.test>";

    public static Dictionary<string, string?> For(int port) => new()
    {
        ["Providers:smtp:Type"] = "smtp",
        ["Providers:smtp:Channel"] = "email",
        ["Providers:smtp:Priority"] = "10",
        ["Providers:smtp:Host"] = "127.0.0.1",
        ["Providers:smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Providers:smtp:From"] = From,
        // Generous: only the timeout test relies on it firing.
        ["Providers:smtp:TimeoutSeconds"] = "10",
    };

    public static IDeliveryProvider Create(IDictionary<string, string?> values, TimeProvider? time = null)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection($"Providers:{Id}");
        var common = section.Get<ProviderOptions>() ?? new ProviderOptions();
        return new SmtpProviderFactory(time ?? TimeProvider.System, NullLoggerFactory.Instance).Create(Id, common, section);
    }

    public static SmtpProvider Create(int port, Action<Dictionary<string, string?>>? configure = null, TimeProvider? time = null)
    {
        var values = For(port);
        configure?.Invoke(values);
        return (SmtpProvider)Create(values, time);
    }

    public static OutgoingMessage Message(string id = "msg-1", int attempt = 1, string? html = "<p>Your code is <b>42</b></p>") => new()
    {
        MessageId = id,
        AttemptNumber = attempt,
        Channel = "email",
        To = "Jane Doe <jane@example.test>",
        Title = "Your sign-in code",
        Text = "Your code is 42\n.leading dot survives\n",
        Html = html,
        EmailMessageId = $"<{id}@notificationops>",
    };
}
