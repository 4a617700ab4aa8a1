using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Smtp;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Smtp;

public sealed class SmtpProviderTests
{
    private const string Password = "s3cret-Pa55word";

    [Fact]
    public async Task SendAsync_SendsTextAndHtmlAlternatives_WithSubjectAddressesAndHeaders()
    {
        await using var sink = SmtpSink.Start();
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, result.Outcome);
        Assert.Equal("<msg-1@notificationops>", result.ProviderMessageId);
        Assert.Equal(250, result.ResponseStatus);
        Assert.Contains("queued", result.ResponseBody, StringComparison.Ordinal);
        Assert.Null(result.ErrorClass);

        var received = Assert.Single(sink.Messages);
        Assert.Equal("<alerts@acme.test>", received.MailFrom);
        Assert.Equal(["<jane@example.test>"], received.Recipients);

        var mime = received.Parse();
        Assert.Equal("Your sign-in code", mime.Subject);
        var from = Assert.Single(mime.From.Mailboxes);
        Assert.Equal(("Acme Alerts", "alerts@acme.test"), (from.Name, from.Address));
        var to = Assert.Single(mime.To.Mailboxes);
        Assert.Equal(("Jane Doe", "jane@example.test"), (to.Name, to.Address));
        Assert.Equal("msg-1@notificationops", mime.MessageId);
        Assert.Equal("<msg-1@notificationops>", mime.Headers[HeaderId.MessageId]?.Trim());
        Assert.Equal("msg-1", mime.Headers[SmtpProvider.MessageIdHeader]);
        Assert.NotEqual(DateTimeOffset.MinValue, mime.Date);

        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal(2, alternative.Count);
        Assert.Equal("text/plain", alternative[0].ContentType.MimeType);
        Assert.Equal("text/html", alternative[1].ContentType.MimeType);
        Assert.Equal("Your code is 42\n.leading dot survives\n", mime.TextBody?.ReplaceLineEndings("\n"));
        Assert.Equal("<p>Your code is <b>42</b></p>", mime.HtmlBody?.Trim());
    }

    [Fact]
    public async Task SendAsync_SendsTextPartOnly_WhenHtmlIsNull()
    {
        await using var sink = SmtpSink.Start();
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var result = await provider.SendAsync(SmtpTestConfig.Message(html: null), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, result.Outcome);
        var mime = Assert.Single(sink.Messages).Parse();
        var text = Assert.IsType<TextPart>(mime.Body);
        Assert.True(text.IsPlain);
        Assert.Null(mime.HtmlBody);
    }

    [Fact]
    public async Task SendAsync_DescribesEnvelopeInRequestSummary()
    {
        await using var sink = SmtpSink.Start();
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(
            $"SMTP 127.0.0.1:{sink.Port} (Auto) MAIL FROM:<alerts@acme.test> RCPT TO:<jane@example.test> " +
            "Subject: Your sign-in code Message-ID: <msg-1@notificationops>",
            result.RequestSummary);
    }

    [Fact]
    public async Task SendAsync_KeepsMessageId_AcrossAttempts()
    {
        await using var sink = SmtpSink.Start();
        sink.DataReplies.Enqueue("451 4.3.0 Temporary local problem");
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var first = await provider.SendAsync(SmtpTestConfig.Message(attempt: 1), CancellationToken.None);
        var second = await provider.SendAsync(SmtpTestConfig.Message(attempt: 2), CancellationToken.None);

        Assert.Equal(ProviderOutcome.TransientFailure, first.Outcome);
        Assert.Equal(ProviderOutcome.Accepted, second.Outcome);
        Assert.Equal([451, 250], sink.Messages.Select(m => m.ReplyCode));
        Assert.All(sink.Messages, m => Assert.Equal("msg-1@notificationops", m.Parse().MessageId));
        Assert.Equal(first.RequestSummary, second.RequestSummary);
    }

    [Fact]
    public async Task SendAsync_ReusesOneConnection_ForSequentialSends()
    {
        await using var sink = SmtpSink.Start();
        await using var provider = SmtpTestConfig.Create(sink.Port);

        for (var i = 1; i <= 3; i++)
        {
            var result = await provider.SendAsync(SmtpTestConfig.Message($"msg-{i}"), CancellationToken.None);
            Assert.Equal(ProviderOutcome.Accepted, result.Outcome);
        }

        Assert.Equal(3, sink.Messages.Count);
        Assert.Equal(1, sink.Connections);
        Assert.All(sink.Messages, m => Assert.Equal(1, m.Connection));
        Assert.Equal(0, sink.NoOps);
    }

    [Fact]
    public async Task SendAsync_ChecksPooledConnectionWithNoOp_AfterIdlePeriod()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await using var sink = SmtpSink.Start();
        await using var provider = SmtpTestConfig.Create(sink.Port, time: time);

        await provider.SendAsync(SmtpTestConfig.Message("msg-1"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var result = await provider.SendAsync(SmtpTestConfig.Message("msg-2"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, result.Outcome);
        Assert.Equal(1, sink.NoOps);
        Assert.Equal(1, sink.Connections);
    }

    [Fact]
    public async Task SendAsync_Reconnects_WhenServerClosedIdlePooledConnection()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await using var sink = SmtpSink.Start();
        sink.CloseAfterMessage = true;
        await using var provider = SmtpTestConfig.Create(sink.Port, time: time);

        await provider.SendAsync(SmtpTestConfig.Message("msg-1"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var result = await provider.SendAsync(SmtpTestConfig.Message("msg-2"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, result.Outcome);
        Assert.Equal(2, sink.Connections);
        Assert.Equal([1, 2], sink.Messages.Select(m => m.Connection));
    }

    [Fact]
    public async Task SendAsync_Reconnects_WhenServerClosedPooledConnectionBetweenBackToBackSends()
    {
        await using var sink = SmtpSink.Start();
        sink.CloseAfterMessage = true;
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var first = await provider.SendAsync(SmtpTestConfig.Message("msg-1"), CancellationToken.None);
        var second = await provider.SendAsync(SmtpTestConfig.Message("msg-2"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, first.Outcome);
        Assert.Equal(ProviderOutcome.Accepted, second.Outcome);
        Assert.Equal(2, sink.Connections);
        Assert.Equal(["msg-1@notificationops", "msg-2@notificationops"], sink.Messages.Select(m => m.Parse().MessageId));
    }

    [Fact]
    public async Task SendAsync_OpensAtMostPoolSizeConnections_WhenSendsRunConcurrently()
    {
        await using var sink = SmtpSink.Start();
        sink.HoldDataReplies = true;
        await using var provider = SmtpTestConfig.Create(sink.Port, c => c["Providers:smtp:PoolSize"] = "2");

        var sends = Enumerable.Range(1, 4)
            .Select(i => provider.SendAsync(SmtpTestConfig.Message($"msg-{i}"), CancellationToken.None))
            .ToArray();
        await Eventually.HoldsAsync(() => sink.PendingDataReplies == 2, "two DATA replies held by the sink", TimeSpan.FromSeconds(10));
        Assert.Equal(2, sink.Connections);
        sink.ReleaseDataReplies();
        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.Equal(ProviderOutcome.Accepted, r.Outcome));
        Assert.Equal(4, sink.Messages.Count);
        Assert.Equal(2, sink.Connections);
    }

    [Fact]
    public async Task SendAsync_ReturnsTransient451_WhenRecipientDeferredOnce()
    {
        await using var sink = SmtpSink.Start();
        sink.RcptReplies.Enqueue("451 4.7.1 Greylisted, try again later");
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var deferred = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);
        var retried = await provider.SendAsync(SmtpTestConfig.Message(attempt: 2), CancellationToken.None);

        Assert.Equal(ProviderOutcome.TransientFailure, deferred.Outcome);
        Assert.Equal(ErrorClasses.Transient, deferred.ErrorClass);
        Assert.Equal(451, deferred.ResponseStatus);
        Assert.Contains("Greylisted, try again later", deferred.ResponseBody, StringComparison.Ordinal);
        Assert.Contains("451", deferred.Error, StringComparison.Ordinal);
        Assert.Null(deferred.ProviderMessageId);
        Assert.NotNull(deferred.RequestSummary);
        Assert.Equal(ProviderOutcome.Accepted, retried.Outcome);
        // The client that saw the error was dropped, not reused.
        Assert.Equal(2, sink.Connections);
    }

    [Theory]
    [InlineData(421, "4.3.2 Service shutting down")]
    [InlineData(450, "4.2.1 Mailbox busy")]
    [InlineData(452, "4.5.3 Too many recipients")]
    public async Task SendAsync_ReturnsTransientFailure_WhenRecipientGets4xx(int code, string text)
    {
        await using var sink = SmtpSink.Start();
        sink.RcptReplies.Enqueue($"{code} {text}");
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.TransientFailure, result.Outcome);
        Assert.Equal(code, result.ResponseStatus);
        Assert.Contains(text, result.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ReturnsPermanent550_WhenRecipientRejected()
    {
        await using var sink = SmtpSink.Start();
        sink.RcptReplies.Enqueue("550 5.1.1 No such user");
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.Equal(ErrorClasses.Permanent, result.ErrorClass);
        Assert.Equal(550, result.ResponseStatus);
        Assert.Contains("No such user", result.ResponseBody, StringComparison.Ordinal);
        Assert.Contains("recipient rejected", result.Error, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task SendAsync_ReturnsPermanent554_WhenMessageRejectedAfterData()
    {
        await using var sink = SmtpSink.Start();
        sink.DataReplies.Enqueue("554 5.7.1 Message rejected as spam");
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.Equal(554, result.ResponseStatus);
        Assert.Contains("rejected as spam", result.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TruncatesResponseBodyTo64KB_WhenServerReplyIsHuge()
    {
        await using var sink = SmtpSink.Start();
        var line = new string('x', 1000);
        sink.DataReplies.Enqueue(string.Concat(Enumerable.Repeat($"554-{line}\r\n", 80)) + "554 5.7.1 rejected");
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.Equal(554, result.ResponseStatus);
        Assert.Equal(64 * 1024, result.ResponseBody?.Length);
        Assert.True(result.Error?.Length <= 64 * 1024);
    }

    [Fact]
    public async Task SendAsync_ReturnsTransientConnection_WhenConnectionRefused()
    {
        await using var provider = SmtpTestConfig.Create(SmtpSink.ClosedPort());

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.TransientFailure, result.Outcome);
        Assert.Equal(ErrorClasses.Connection, result.ErrorClass);
        Assert.Null(result.ResponseStatus);
        Assert.StartsWith("SMTP 127.0.0.1:", result.RequestSummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ReturnsTransientTimeout_WhenServerNeverAnswersData()
    {
        await using var sink = SmtpSink.Start();
        sink.DataReplyDelay = Timeout.InfiniteTimeSpan;
        await using var provider = SmtpTestConfig.Create(sink.Port, c => c["Providers:smtp:TimeoutSeconds"] = "1");

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.TransientFailure, result.Outcome);
        Assert.Equal(ErrorClasses.Timeout, result.ErrorClass);
        Assert.Null(result.ResponseStatus);
        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task SendAsync_ReturnsTransientConnection_WhenServerDropsConnection()
    {
        await using var sink = SmtpSink.Start();
        sink.DropOnData = true;
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.TransientFailure, result.Outcome);
        Assert.Equal(ErrorClasses.Connection, result.ErrorClass);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task SendAsync_ThrowsOperationCanceled_WhenCallerCancels()
    {
        await using var sink = SmtpSink.Start();
        sink.HoldDataReplies = true;
        await using var provider = SmtpTestConfig.Create(sink.Port);
        using var cancellation = new CancellationTokenSource();

        var send = provider.SendAsync(SmtpTestConfig.Message(), cancellation.Token);
        await Eventually.HoldsAsync(() => sink.PendingDataReplies == 1, "the DATA reply held by the sink", TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
    }

    [Fact]
    public async Task SendAsync_AuthenticatesWithoutEchoingPassword()
    {
        await using var sink = SmtpSink.Start();
        sink.Credentials = ("mailer", Password);
        await using var provider = SmtpTestConfig.Create(sink.Port, WithCredentials(Password, SmtpSecurity.None));

        var first = await provider.SendAsync(SmtpTestConfig.Message("msg-1"), CancellationToken.None);
        var second = await provider.SendAsync(SmtpTestConfig.Message("msg-2"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, first.Outcome);
        Assert.Equal(ProviderOutcome.Accepted, second.Outcome);
        Assert.Equal(1, sink.Connections);
        Assert.DoesNotContain(Password, first.RequestSummary, StringComparison.Ordinal);
        Assert.DoesNotContain("mailer", first.RequestSummary, StringComparison.Ordinal);
        Assert.Contains(" AUTH ", first.RequestSummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ReturnsPermanentWithoutPassword_WhenCredentialsRejected()
    {
        await using var sink = SmtpSink.Start();
        sink.Credentials = ("mailer", "the-right-one");
        await using var provider = SmtpTestConfig.Create(sink.Port, WithCredentials(Password, SmtpSecurity.None));

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.Equal(ErrorClasses.Permanent, result.ErrorClass);
        Assert.Contains("rejected the credentials", result.Error, StringComparison.Ordinal);
        Assert.All(
            new[] { result.RequestSummary, result.Error, result.ResponseBody },
            text => Assert.DoesNotContain(Password, text ?? string.Empty, StringComparison.Ordinal));
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task SendAsync_RefusesCredentialsInPlainText_WhenAutoFindsNoTls()
    {
        await using var sink = SmtpSink.Start();
        sink.Credentials = ("mailer", Password);
        await using var provider = SmtpTestConfig.Create(sink.Port, WithCredentials(Password, SmtpSecurity.Auto));

        var result = await provider.SendAsync(SmtpTestConfig.Message(), CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("plain text", result.Error, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task SendAsync_ReturnsPermanentWithoutConnecting_WhenRecipientIsNotAnAddress()
    {
        await using var sink = SmtpSink.Start();
        await using var provider = SmtpTestConfig.Create(sink.Port);

        var result = await provider.SendAsync(SmtpTestConfig.Message() with { To = "not an address" }, CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.NotNull(result.RequestSummary);
        Assert.Equal(0, sink.Connections);
    }

    private static Action<Dictionary<string, string?>> WithCredentials(string password, SmtpSecurity security) => c =>
    {
        c["Providers:smtp:Username"] = "mailer";
        c["Providers:smtp:Password"] = password;
        c["Providers:smtp:Security"] = security.ToString();
    };
}
