using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NotificationOps.Engine.Tests.TestSupport;

/// <summary>
/// A real SMTP server on 127.0.0.1 (random port) speaking just enough of RFC 5321 for a client library:
/// EHLO/HELO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA (dot-unstuffed), RSET, NOOP, QUIT. Every DATA payload is
/// kept; replies to RCPT and DATA can be scripted, DATA replies held back, and connections dropped.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentBag<Task> sessions = [];
    private readonly ConcurrentQueue<SmtpSinkMessage> messages = new();
    private readonly Task acceptLoop;
    private readonly TaskCompletionSource heldData = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int connections;
    private int noOps;
    private int pendingDataReplies;

    private SmtpSink()
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>When set, AUTH is advertised and only these credentials are accepted.</summary>
    public (string Username, string Password)? Credentials { get; set; }

    /// <summary>Replies to the next RCPT commands, one each, before falling back to 250.</summary>
    public ConcurrentQueue<string> RcptReplies { get; } = new();

    /// <summary>Replies to the next message bodies (after the final dot), one each, before falling back to 250.</summary>
    public ConcurrentQueue<string> DataReplies { get; } = new();

    /// <summary>Waits this long before answering a message body; <see cref="Timeout.InfiniteTimeSpan"/> never answers.</summary>
    public TimeSpan DataReplyDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Holds every message-body reply until <see cref="ReleaseDataReplies"/>.</summary>
    public bool HoldDataReplies { get; set; }

    /// <summary>Closes the connection right after answering a message body, as a server with an idle timeout would later.</summary>
    public bool CloseAfterMessage { get; set; }

    /// <summary>Drops the connection without a reply when the client sends DATA.</summary>
    public bool DropOnData { get; set; }

    public int Connections => Volatile.Read(ref connections);

    public int NoOps => Volatile.Read(ref noOps);

    /// <summary>Message bodies received and not answered yet.</summary>
    public int PendingDataReplies => Volatile.Read(ref pendingDataReplies);

    public IReadOnlyList<SmtpSinkMessage> Messages => [.. messages];

    public static SmtpSink Start() => new();

    /// <summary>A loopback port with nothing listening on it, for refused connections.</summary>
    public static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void ReleaseDataReplies()
    {
        HoldDataReplies = false;
        heldData.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await Task.WhenAll([acceptLoop, .. sessions]);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref connections);
            sessions.Add(ServeAsync(client, number));
        }
    }

    private async Task ServeAsync(TcpClient client, int number)
    {
        using (client)
        {
            try
            {
                await new Session(this, client.GetStream(), number).RunAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away or the sink is stopping: either ends this conversation only.
            }
        }
    }

    private sealed class Session(SmtpSink sink, NetworkStream stream, int number)
    {
        private readonly byte[] buffer = new byte[8192];
        private int start;
        private int end;
        private string? mailFrom;
        private readonly List<string> recipients = [];

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await ReplyAsync("220 sink.test ESMTP ready", cancellationToken);
            while (await ReadLineAsync(cancellationToken) is { } line)
            {
                var verb = (line.Split(' ', 2)[0]).ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : string.Empty;
                switch (verb)
                {
                    case "EHLO":
                        var auth = sink.Credentials is null ? string.Empty : "250-AUTH PLAIN LOGIN\r\n";
                        await ReplyAsync($"250-sink.test greets {argument}\r\n{auth}250 HELP", cancellationToken);
                        break;
                    case "HELO":
                        await ReplyAsync("250 sink.test", cancellationToken);
                        break;
                    case "AUTH":
                        await AuthenticateAsync(argument, cancellationToken);
                        break;
                    case "MAIL":
                        mailFrom = EnvelopePath(argument);
                        recipients.Clear();
                        await ReplyAsync("250 2.1.0 Ok", cancellationToken);
                        break;
                    case "RCPT":
                        var rcptReply = sink.RcptReplies.TryDequeue(out var scripted) ? scripted : "250 2.1.5 Ok";
                        if (rcptReply.StartsWith('2'))
                        {
                            recipients.Add(EnvelopePath(argument));
                        }

                        await ReplyAsync(rcptReply, cancellationToken);
                        break;
                    case "DATA":
                        if (sink.DropOnData)
                        {
                            return;
                        }

                        if (!await ReceiveDataAsync(cancellationToken))
                        {
                            return;
                        }

                        if (sink.CloseAfterMessage)
                        {
                            return;
                        }

                        break;
                    case "RSET":
                        mailFrom = null;
                        recipients.Clear();
                        await ReplyAsync("250 2.0.0 Ok", cancellationToken);
                        break;
                    case "NOOP":
                        Interlocked.Increment(ref sink.noOps);
                        await ReplyAsync("250 2.0.0 Ok", cancellationToken);
                        break;
                    case "QUIT":
                        await ReplyAsync("221 2.0.0 Bye", cancellationToken);
                        return;
                    default:
                        await ReplyAsync("502 5.5.2 Command not recognized", cancellationToken);
                        break;
                }
            }
        }

        private async Task<bool> ReceiveDataAsync(CancellationToken cancellationToken)
        {
            if (mailFrom is null || recipients.Count == 0)
            {
                await ReplyAsync("503 5.5.1 Bad sequence of commands", cancellationToken);
                return true;
            }

            await ReplyAsync("354 End data with <CR><LF>.<CR><LF>", cancellationToken);
            var data = new StringBuilder();
            while (true)
            {
                var line = await ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    return false;
                }

                if (line == ".")
                {
                    break;
                }

                // RFC 5321 4.5.2: the client doubled every leading dot.
                data.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
            }

            var reply = sink.DataReplies.TryDequeue(out var scripted) ? scripted : "250 2.0.0 Ok: queued";
            sink.messages.Enqueue(new SmtpSinkMessage(
                number, mailFrom, [.. recipients], Encoding.Latin1.GetBytes(data.ToString()), int.Parse(reply[..3], System.Globalization.CultureInfo.InvariantCulture)));
            mailFrom = null;
            recipients.Clear();

            Interlocked.Increment(ref sink.pendingDataReplies);
            try
            {
                if (sink.HoldDataReplies)
                {
                    await sink.heldData.Task.WaitAsync(cancellationToken);
                }

                if (sink.DataReplyDelay != TimeSpan.Zero)
                {
                    await Task.Delay(sink.DataReplyDelay, cancellationToken);
                }
            }
            finally
            {
                Interlocked.Decrement(ref sink.pendingDataReplies);
            }

            await ReplyAsync(reply, cancellationToken);
            return true;
        }

        private async Task AuthenticateAsync(string argument, CancellationToken cancellationToken)
        {
            var parts = argument.Split(' ', 2);
            string? username;
            string? password;
            switch (parts[0].ToUpperInvariant())
            {
                case "PLAIN":
                    var initial = parts.Length > 1 ? parts[1] : await ChallengeAsync(string.Empty, cancellationToken);
                    var fields = Decode(initial)?.Split('\0');
                    username = fields?.Length == 3 ? fields[1] : null;
                    password = fields?.Length == 3 ? fields[2] : null;
                    break;
                case "LOGIN":
                    username = Decode(parts.Length > 1 ? parts[1] : await ChallengeAsync("Username:", cancellationToken));
                    password = Decode(await ChallengeAsync("Password:", cancellationToken));
                    break;
                default:
                    await ReplyAsync("504 5.5.4 Unrecognized authentication type", cancellationToken);
                    return;
            }

            var ok = sink.Credentials is { } expected && username == expected.Username && password == expected.Password;
            await ReplyAsync(ok ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid", cancellationToken);
        }

        private async Task<string> ChallengeAsync(string prompt, CancellationToken cancellationToken)
        {
            await ReplyAsync("334 " + Convert.ToBase64String(Encoding.ASCII.GetBytes(prompt)), cancellationToken);
            return await ReadLineAsync(cancellationToken) ?? string.Empty;
        }

        /// <summary>"FROM:&lt;a@b&gt; SIZE=10" → "&lt;a@b&gt;": the path without the keyword or ESMTP parameters.</summary>
        private static string EnvelopePath(string argument)
        {
            var path = argument[(argument.IndexOf(':', StringComparison.Ordinal) + 1)..].TrimStart();
            var close = path.IndexOf('>', StringComparison.Ordinal);
            return close >= 0 ? path[..(close + 1)] : path.Split(' ')[0];
        }

        private static string? Decode(string base64)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private async Task ReplyAsync(string reply, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), cancellationToken);
        }

        /// <summary>One CRLF-terminated line without its terminator, or null when the client closed.</summary>
        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            while (true)
            {
                if (start == end)
                {
                    start = 0;
                    end = await stream.ReadAsync(buffer, cancellationToken);
                    if (end == 0)
                    {
                        return null;
                    }
                }

                var b = buffer[start++];
                if (b == '\n' && line.Count > 0 && line[^1] == '\r')
                {
                    line.RemoveAt(line.Count - 1);
                    return Encoding.Latin1.GetString([.. line]);
                }

                line.Add(b);
            }
        }
    }
}
