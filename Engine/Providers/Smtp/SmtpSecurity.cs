namespace NotificationOps.Engine.Providers.Smtp;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text. The only mode in which credentials may travel unencrypted.</summary>
    None,

    /// <summary>Plain connect, then STARTTLS, which the server must offer.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}
