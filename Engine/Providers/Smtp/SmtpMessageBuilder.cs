using MimeKit;

namespace NotificationOps.Engine.Providers.Smtp;

/// <summary>
/// Turns an outgoing message into the MIME message <see cref="SmtpProvider"/> hands the relay, and into the one-line
/// summary of the SMTP request kept with the attempt. Kept apart from the provider, which owns the connection pool.
/// </summary>
internal sealed class SmtpMessageBuilder(SmtpOptions options, TimeProvider time)
{
    public MimeMessage Build(OutgoingMessage message)
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
        mime.Headers.Add(SmtpProvider.MessageIdHeader, message.MessageId);
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

    public string Describe(OutgoingMessage message)
    {
        SmtpOptions.TryParseFrom(options.From, out var from);
        var subject = OneLine(message.Title ?? string.Empty);
        // Username is left out too: some relays (Postmark, for one) take the API token as the username.
        var auth = options.HasCredentials ? " AUTH" : string.Empty;
        var to = MailboxAddress.TryParse(message.To, out var mailbox) ? mailbox.Address : message.To;
        return $"SMTP {options.Host}:{options.Port} ({options.Security}){auth} MAIL FROM:<{from.Address}> RCPT TO:<{OneLine(to)}> " +
            $"Subject: {subject} Message-ID: {OneLine(message.EmailMessageId)}";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
