using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

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
    private readonly SmtpMessageBuilder builder;
    private readonly SmtpFailureClassifier classifier;
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
        builder = new SmtpMessageBuilder(options, time);
        classifier = new SmtpFailureClassifier(options);
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

        var summary = builder.Describe(message);
        MimeMessage mime;
        try
        {
            mime = builder.Build(message);
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
                    ResponseBody = SmtpFailureClassifier.Clip(reply),
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

                if (reused && SmtpFailureClassifier.IsStaleConnection(ex))
                {
                    // The server dropped a pooled connection between sends: not this message's fault, and
                    // receivers deduplicate on the stable Message-ID should the server have taken it after all.
                    logger.LogDebug(ex, "SMTP {Host}:{Port}: pooled connection was closed, reconnecting", options.Host, options.Port);
                    continue;
                }

                return classifier.Classify(ex);
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
                    throw new SmtpCleartextCredentialsException();
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

    private static SecureSocketOptions ToSecureSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

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
}
