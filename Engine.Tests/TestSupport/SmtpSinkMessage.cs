using MimeKit;

namespace NotificationOps.Engine.Tests.TestSupport;

/// <summary>One DATA payload the sink received, dot-unstuffed, with its envelope and the code it answered.</summary>
public sealed record SmtpSinkMessage(int Connection, string MailFrom, IReadOnlyList<string> Recipients, byte[] Data, int ReplyCode)
{
    public MimeMessage Parse()
    {
        using var stream = new MemoryStream(Data);
        return MimeMessage.Load(stream);
    }
}
