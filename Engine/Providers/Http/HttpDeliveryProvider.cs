using System.Net.Http.Headers;
using System.Text;

namespace NotificationOps.Engine.Providers.Http;

/// <summary>
/// What every HTTP provider shares: build the provider's request, send it, keep a copy of it with the secrets
/// removed for the attempt record, and classify the answer. Subclasses supply the wire format and their
/// provider's own error semantics (a Slack 200 with ok:false, a Teams 200 that carries a throttling error).
/// </summary>
public abstract class HttpDeliveryProvider(string id, ProviderOptions common, HttpClient http, TimeProvider time) : IDeliveryProvider
{
    private const int MaxSummaryBody = 8 * 1024;

    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Request headers whose values are credentials; the summary shows them as [redacted].</summary>
    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "X-Postmark-Server-Token",
    };

    public string Id { get; } = id;

    public abstract string Type { get; }

    public string Channel { get; } = common.Channel;

    public int Priority { get; } = common.Priority;

    protected TimeProvider Time { get; } = time;

    public async Task<ProviderResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        string summary = $"{Type} to {message.To}";
        try
        {
            using var request = await CreateRequestAsync(message, cancellationToken);
            summary = await SummarizeAsync(request, cancellationToken);
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var result = Interpret(message, response, body, summary);
            return result with
            {
                RequestSummary = result.RequestSummary ?? summary,
                ResponseStatus = result.ResponseStatus ?? (int)response.StatusCode,
                ResponseBody = result.ResponseBody ?? Truncate(body),
            };
        }
        catch (HttpRequestException ex)
        {
            return HttpResponseClassifier.ConnectionFailure(ex, summary);
        }
        catch (ProviderAuthenticationException ex)
        {
            return ex.Result with { RequestSummary = ex.Result.RequestSummary ?? summary };
        }
    }

    /// <summary>The provider's request for this message, credentials included.</summary>
    protected abstract Task<HttpRequestMessage> CreateRequestAsync(OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>The answer's meaning. By default: 2xx is <see cref="SuccessOutcome"/>, else the generic HTTP rule.</summary>
    protected virtual ProviderResult Interpret(OutgoingMessage message, HttpResponseMessage response, string body, string summary) =>
        response.IsSuccessStatusCode
            ? new ProviderResult(SuccessOutcome) { ProviderMessageId = ProviderMessageId(response, body) }
            : HttpResponseClassifier.Failure(response, body, summary, Time.GetUtcNow());

    /// <summary>Accepted (a receipt may follow) for most; Delivered for channels without a receipt.</summary>
    protected virtual ProviderOutcome SuccessOutcome => ProviderOutcome.Accepted;

    /// <summary>The provider's id for the message, from a successful answer, for matching its status webhooks.</summary>
    protected virtual string? ProviderMessageId(HttpResponseMessage response, string body) => null;

    /// <summary>The URL as shown in the summary; webhook URLs whose path is the secret override this.</summary>
    protected virtual string DisplayUrl(Uri url) => url.GetLeftPart(UriPartial.Path);

    protected static string? Truncate(string? text) =>
        text is null || text.Length <= HttpResponseClassifier.MaxBody ? text : text[..HttpResponseClassifier.MaxBody];

    /// <summary>Method, URL, headers (credentials redacted) and body: what an operator needs to see what we sent.</summary>
    private async Task<string> SummarizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append(request.Method).Append(' ').Append(DisplayUrl(request.RequestUri!)).Append('\n');
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            var value = SecretHeaders.Contains(header.Key) ? "[redacted]" : string.Join(", ", header.Value);
            text.Append(header.Key).Append(": ").Append(value).Append('\n');
        }

        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            text.Append('\n').Append(body.Length <= MaxSummaryBody ? body : body[..MaxSummaryBody] + "…");
        }

        return text.ToString();
    }

    /// <summary>A JSON body as the provider gets it; non-ASCII text stays readable (it is never embedded in HTML).</summary>
    protected static HttpContent Json(System.Text.Json.Nodes.JsonNode body) =>
        new StringContent(body.ToJsonString(RelaxedJson), Encoding.UTF8, "application/json");

    protected static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
