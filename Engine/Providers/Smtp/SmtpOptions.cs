using MimeKit;

namespace NotificationOps.Engine.Providers.Smtp;

/// <summary>The SMTP keys of a Providers:&lt;id&gt; section whose Type is smtp.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>"Name &lt;address&gt;" or a bare address; also the envelope sender (MAIL FROM).</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>For connecting and for each read or write on the connection, not for the whole send.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>At most this many connections, and so this many concurrent sends, per provider.</summary>
    public int PoolSize { get; set; } = 4;

    internal bool HasCredentials => !string.IsNullOrEmpty(Username);

    /// <summary>Every problem with these options, each naming the key to fix under <paramref name="path"/>.</summary>
    public IReadOnlyList<string> Validate(string path)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            errors.Add($"{path}:Host is required");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add($"{path}:Port must be between 1 and 65535 (was {Port})");
        }

        if (!Enum.IsDefined(Security))
        {
            errors.Add($"{path}:Security must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}");
        }

        if (string.IsNullOrWhiteSpace(From))
        {
            errors.Add($"{path}:From is required, e.g. \"Acme <notifications@acme.example>\"");
        }
        else if (!TryParseFrom(From, out _))
        {
            errors.Add($"{path}:From is not an email address: expected \"Name <address>\" or \"address\"");
        }

        if (string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password))
        {
            errors.Add($"{path}:Username is required when {path}:Password is set");
        }

        if (TimeoutSeconds is < 1 or > 3600)
        {
            errors.Add($"{path}:TimeoutSeconds must be between 1 and 3600 (was {TimeoutSeconds})");
        }

        if (PoolSize is < 1 or > 100)
        {
            errors.Add($"{path}:PoolSize must be between 1 and 100 (was {PoolSize})");
        }

        return errors;
    }

    internal static bool TryParseFrom(string value, out MailboxAddress mailbox)
    {
        // MimeKit accepts a bare local part; an envelope sender without a domain is refused by every relay.
        if (MailboxAddress.TryParse(value, out var parsed) && parsed.Address.Contains('@', StringComparison.Ordinal))
        {
            mailbox = parsed;
            return true;
        }

        mailbox = null!;
        return false;
    }
}
