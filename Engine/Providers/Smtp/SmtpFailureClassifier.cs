using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailKitAuthenticationException = MailKit.Security.AuthenticationException;
using TlsAuthenticationException = System.Security.Authentication.AuthenticationException;

namespace NotificationOps.Engine.Providers.Smtp;

/// <summary>
/// Reads what went wrong in an SMTP conversation of <see cref="SmtpProvider"/>: whether a retry can help (RFC 5321
/// reply classes, network and TLS failures), whether a pooled connection merely went stale, and what the attempt
/// record may say (the password redacted, the text clipped).
/// </summary>
internal sealed class SmtpFailureClassifier(SmtpOptions options)
{
    public ProviderResult Classify(Exception ex)
    {
        var target = $"SMTP {options.Host}:{options.Port}";
        return ex switch
        {
            SmtpCommandException command => FromReply(command),
            SmtpCleartextCredentialsException => ProviderResult.Permanent(
                $"{target} offered no TLS; refusing to send credentials in plain text (set Security to None to allow it)"),
            MailKitAuthenticationException => ProviderResult.Permanent($"{target} rejected the credentials: {Redact(ex.Message)}"),
            ServiceNotAuthenticatedException => ProviderResult.Permanent($"{target} requires authentication: {Redact(ex.Message)}"),
            SslHandshakeException { InnerException: TlsAuthenticationException } =>
                ProviderResult.Permanent($"{target}: the server's TLS certificate was rejected: {ex.Message}"),
            SslHandshakeException => ProviderResult.Transient(ErrorClasses.Connection, $"{target}: TLS handshake failed: {ex.Message}"),
            // The server lacks something the options require (STARTTLS, AUTH): retrying will not add it.
            NotSupportedException => ProviderResult.Permanent($"{target}: {ex.Message}"),
            _ when IsTimeout(ex) => ProviderResult.Transient(ErrorClasses.Timeout, $"{target} did not answer within {options.TimeoutSeconds} s"),
            SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException =>
                ProviderResult.Transient(ErrorClasses.Connection, $"{target}: connection failed: {Redact(ex.Message)}"),
            _ => ProviderResult.Transient(ErrorClasses.Unknown, $"{target}: {ex.GetType().Name}: {Redact(ex.Message)}"),
        };
    }

    private ProviderResult FromReply(SmtpCommandException ex)
    {
        var code = (int)ex.StatusCode;
        var stage = ex.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => "recipient rejected",
            SmtpErrorCode.SenderNotAccepted => "sender rejected",
            SmtpErrorCode.MessageNotAccepted => "message rejected",
            _ => "command failed",
        };
        var text = Redact(ex.Message);
        var error = Clip($"SMTP {code} {stage}: {text}");
        // RFC 5321 4.2.1: 4yz is a transient negative completion, 5yz a permanent one.
        var result = code is >= 500 and < 600
            ? ProviderResult.Permanent(error)
            : ProviderResult.Transient(code is >= 400 and < 500 ? ErrorClasses.Transient : ErrorClasses.Unknown, error);
        return result with { ResponseStatus = code, ResponseBody = Clip(text) };
    }

    private static bool IsTimeout(Exception ex) => ex switch
    {
        // MailKit reports its own read/write timeout as a cancellation the caller never asked for.
        TimeoutException or OperationCanceledException => true,
        SocketException { SocketErrorCode: SocketError.TimedOut } => true,
        IOException { InnerException: { } inner } => IsTimeout(inner),
        _ => false,
    };

    public static bool IsStaleConnection(Exception ex) =>
        !IsTimeout(ex)
        && ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException
            or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    // Servers and exception texts are outside our control; the password never leaves in an attempt record.
    private string Redact(string text) =>
        string.IsNullOrEmpty(options.Password) ? text : text.Replace(options.Password, "***", StringComparison.Ordinal);

    public static string Clip(string text) => text.Length <= SmtpProvider.MaxResponseChars ? text : text[..SmtpProvider.MaxResponseChars];
}
