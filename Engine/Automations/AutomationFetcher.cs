using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// fetch-data: calls the step's webhook (10 s timeout, SSRF-guarded by the named client's connect callback) and
/// merges the JSON object it answers into the run's data.
/// </summary>
public sealed class AutomationFetcher(IHttpClientFactory clients)
{
    public const string HttpClientName = "automations-fetch";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private const int MaxResponseBytes = 1_000_000;

    public async Task<AutomationStepResult> FetchAsync(AutomationRunState state, JsonObject definition, CancellationToken cancellationToken)
    {
        var webhook = definition["webhook"]!.AsObject();
        var url = AutomationText.Render(webhook["url"]!.GetValue<string>(), state.Data, state.Profile, state.Refs);
        var method = new HttpMethod((webhook["method"]?.GetValue<string>() ?? "GET").ToUpperInvariant());
        using var request = new HttpRequestMessage(method, url);
        if (webhook["body"] is { } body && method != HttpMethod.Get)
        {
            // Courier's type makes the body a string; an object is sent as its JSON.
            var text = body is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : body.ToJsonString();
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        if (webhook["headers"] is JsonObject headers)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value!.GetValue<string>());
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (Exception ex) when (OutboundAddressRefusedException.IsIn(ex))
        {
            throw new AutomationStepException("webhook.url", ex.InnerException?.Message ?? ex.Message, permanent: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AutomationStepException("webhook.url", $"{UrlDisplay.Origin(url)} did not answer within {Timeout.TotalSeconds:0} s.", inner: ex);
        }

        using (response)
        {
            var text = await ReadAsync(response, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                var transient = (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                throw new AutomationStepException("webhook.url", $"{UrlDisplay.Origin(url)} answered {(int)response.StatusCode}: {Truncate(text)}", permanent: !transient);
            }

            JsonNode? answer;
            try
            {
                answer = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw new AutomationStepException("webhook.url", $"{UrlDisplay.Origin(url)} did not answer JSON: {Truncate(text)}", permanent: true);
            }

            if (answer is JsonObject obj)
            {
                state.Data = MergeStrategy.Apply(definition["merge_strategy"]?.GetValue<string>() ?? MergeStrategy.Overwrite, state.Data, obj);
            }

            return new AutomationStepResult(null, answer?.DeepClone());
        }
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        if (total > MaxResponseBytes)
        {
            throw new AutomationStepException("webhook.url", $"The answer is larger than {MaxResponseBytes} bytes.", permanent: true);
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
