using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using MailKitAuthenticationException = MailKit.Security.AuthenticationException;
using TlsAuthenticationException = System.Security.Authentication.AuthenticationException;

namespace NotificationOps.Engine.Providers.Smtp;

/// <summary>
/// Sends email through an SMTP relay with MailKit, over a small pool of connected, authenticated clients.
/// </summary>
public sealed class SmtpProvider : IDeliveryProvider, IAsyncDisposable, IDisposable
{
    public const string EmailChannel = "email";

    public const string MessageIdHeader = "X-NotificationOps-Message-Id";

    internal const int MaxResponseChars = 64 * 1024;

    // Back-to-back sends skip the NOOP round trip; a connection idle longer than this may have been
    // closed by the server (idle timeouts), so it is checked before a message is committed to it.
    internal static readonly TimeSpan IdleCheckAfter = TimeSpan.FromSeconds(5);

    private readonly SmtpOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<SmtpProvider> logger;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentStack<PooledClient> idle = new();
    private bool disposed;

    public SmtpProvider(string id, int priority, SmtpOptions options, TimeProvider time, ILogger<SmtpProvider> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(options);
        if (!SmtpOptions.TryParseFrom(options.From, out _))
        {
            throw new ArgumentException("From is not an email address.", nameof(options));
        }

        Id = id;
        Priority = priority;
        this.options = options;
        this.time = time;
        this.logger = logger;
        slots = new SemaphoreSlim(options.PoolSize, options.PoolSize);
    }

    public string Id { get; }

    public string Type => SmtpProviderFactory.ProviderType;

    public string Channel => EmailChannel;

    public int Priority { get; }

    /// <summary>
    /// Sends one message. Every SMTP, network and TLS failure comes back as a result; only the caller's own
    /// cancellation is thrown, as <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<ProviderResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(disposed, this);

        var summary = DescribeRequest(message);
        MimeMessage mime;
        try
        {
            mime = BuildMessage(message);
        }
        catch (Exception ex) when (ex is ParseException or ArgumentException)
        {
            // A malformed address or Message-ID fails the same way on every attempt and every relay.
            return ProviderResult.Permanent($"The message cannot be built: {ex.Message}") with { RequestSummary = summary };
        }

        await slots.WaitAsync(cancellationToken);
        try
        {
            var result = await SendPooledAsync(mime, cancellationToken) with { RequestSummary = summary };
            if (result.Succeeded)
            {
                logger.LogDebug("SMTP {Host}:{Port} accepted message {MessageId} ({EmailMessageId})", options.Host, options.Port, message.MessageId, message.EmailMessageId);
                return result with { ProviderMessageId = message.EmailMessageId };
            }

            logger.LogWarning(
                "SMTP {Host}:{Port} did not take message {MessageId}: {Outcome} {ErrorClass} {Status} {Error}",
                options.Host, options.Port, message.MessageId, result.Outcome, result.ErrorClass, result.ResponseStatus, result.Error);
            return result;
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<ProviderResult> SendPooledAsync(MimeMessage mime, CancellationToken cancellationToken)
    {
        idle.TryPop(out var connection);
        while (true)
        {
            var reused = connection is not null;
            try
            {
                if (connection is null)
                {
                    connection = await ConnectAsync(cancellationToken);
                }
                else if (time.GetUtcNow() - connection.LastUsed > IdleCheckAfter)
                {
                    await connection.Client.NoOpAsync(cancellationToken);
                }

                var reply = await connection.Client.SendAsync(mime, cancellationToken);
                connection.LastUsed = time.GetUtcNow();
                // Back in the pool before the slot is released, so the next waiter finds it.
                idle.Push(connection);
                return new ProviderResult(ProviderOutcome.Accepted)
                {
                    ResponseStatus = (int)SmtpStatusCode.Ok,
                    ResponseBody = Clip(reply),
                };
            }
            catch (Exception ex)
            {
                // After any error the conversation state is unknown (half a transaction, a dead socket).
                Discard(connection);
                connection = null;
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                if (reused && IsStaleConnection(ex))
                {
                    // The server dropped a pooled connection between sends: not this message's fault, and
                    // receivers deduplicate on the stable Message-ID should the server have taken it after all.
                    logger.LogDebug(ex, "SMTP {Host}:{Port}: pooled connection was closed, reconnecting", options.Host, options.Port);
                    continue;
                }

                return Classify(ex);
            }
        }
    }

    private async Task<PooledClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = checked(options.TimeoutSeconds * 1000) };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, ToSecureSocketOptions(options.Security), cancellationToken);
            if (options.HasCredentials)
            {
                // Auto falls back to plain text when the server offers no STARTTLS (or an attacker strips it);
                // a password then goes out only where None was chosen on purpose.
                if (!client.IsSecure && options.Security != SmtpSecurity.None)
                {
                    throw new CleartextCredentialsException();
                }

                await client.AuthenticateAsync(options.Username!, options.Password ?? string.Empty, cancellationToken);
            }

            return new PooledClient(client, time.GetUtcNow());
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private MimeMessage BuildMessage(OutgoingMessage message)
    {
        SmtpOptions.TryParseFrom(options.From, out var from);
        var to = MailboxAddress.Parse(message.To);
        if (!to.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new ParseException($"\"{message.To}\" has no domain.", 0, message.To.Length);
        }

        var mime = new MimeMessage
        {
            Subject = message.Title ?? string.Empty,
            Date = time.GetUtcNow(),
            // The same id on every attempt and resend lets receivers drop the duplicate of a send that
            // the server took but whose reply we never saw.
            MessageId = message.EmailMessageId.Trim().TrimStart('<').TrimEnd('>'),
        };
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Headers.Add(MessageIdHeader, message.MessageId);
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, value);
        }

        var text = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Text };
        mime.Body = message.Html is null
            ? text
            : new MultipartAlternative { text, new TextPart(MimeKit.Text.TextFormat.Html) { Text = message.Html } };
        return mime;
    }

    private string DescribeRequest(OutgoingMessage message)
    {
        SmtpOptions.TryParseFrom(options.From, out var from);
        var subject = OneLine(message.Title ?? string.Empty);
        // Username is left out too: some relays (Postmark, for one) take the API token as the username.
        var auth = options.HasCredentials ? " AUTH" : string.Empty;
        var to = MailboxAddress.TryParse(message.To, out var mailbox) ? mailbox.Address : message.To;
        return $"SMTP {options.Host}:{options.Port} ({options.Security}){auth} MAIL FROM:<{from.Address}> RCPT TO:<{OneLine(to)}> " +
            $"Subject: {subject} Message-ID: {OneLine(message.EmailMessageId)}";
    }

    private ProviderResult Classify(Exception ex)
    {
        var target = $"SMTP {options.Host}:{options.Port}";
        return ex switch
        {
            SmtpCommandException command => FromReply(command),
            CleartextCredentialsException => ProviderResult.Permanent(
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

    private static bool IsStaleConnection(Exception ex) =>
        !IsTimeout(ex)
        && ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException
            or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    private static SecureSocketOptions ToSecureSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    // Servers and exception texts are outside our control; the password never leaves in an attempt record.
    private string Redact(string text) =>
        string.IsNullOrEmpty(options.Password) ? text : text.Replace(options.Password, "***", StringComparison.Ordinal);

    private static string Clip(string text) => text.Length <= MaxResponseChars ? text : text[..MaxResponseChars];

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static void Discard(PooledClient? connection)
    {
        // Dispose closes the socket without QUIT: after an error the server may not be listening anyway.
        connection?.Client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        while (idle.TryPop(out var connection))
        {
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await connection.Client.DisconnectAsync(quit: true, quit.Token);
            }
            catch (Exception)
            {
                // Shutting down: a server that does not answer QUIT loses nothing.
            }
            finally
            {
                connection.Client.Dispose();
            }
        }
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryPop(out var connection))
        {
            connection.Client.Dispose();
        }
    }

    private sealed class PooledClient(SmtpClient client, DateTimeOffset lastUsed)
    {
        public SmtpClient Client { get; } = client;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;
    }

    private sealed class CleartextCredentialsException : Exception;
}
