using System.Diagnostics;
using System.Net.Http;
using System.Text;
using Microsoft.Extensions.Options;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// One signed POST to an endpoint, within <see cref="WebhookOptions.TimeoutSeconds"/>. The HTTP client's handler is
/// the SSRF guard's (<see cref="Http.OutboundAddressGuard"/>): it checks the addresses DNS answers at connect time.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string HttpClientName = "webhooks-outbound";

    public async Task<WebhookAttemptResult> SendAsync(
        string url, IReadOnlyList<string> secrets, string webhookId, string body, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("webhook-id", webhookId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigner.StandardHeader(secrets, webhookId, at.ToUnixTimeSeconds(), body));
        request.Headers.TryAddWithoutValidation("courier-signature", WebhookSigner.CourierHeader(secrets[0], at.ToUnixTimeMilliseconds(), body));
        request.Headers.TryAddWithoutValidation("User-Agent", "NotificationOps-Webhooks/1");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var text = await ReadLimitedAsync(response, deadline.Token);
            var code = (int)response.StatusCode;
            return new WebhookAttemptResult(at, Elapsed(watch), code, text, code is >= 200 and < 300 ? null : $"HTTP {code}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(at, Elapsed(watch), null, null, $"No answer within {timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptResult(at, Elapsed(watch), null, null, Truncate(ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message, 1000));
        }
    }

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[WebhookAttempt.MaxResponseChars];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return new string(buffer, 0, read);
    }

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
