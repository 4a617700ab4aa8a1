using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Fcm;

/// <summary>
/// Firebase Cloud Messaging HTTP v1 (POST /v1/projects/{project}/messages:send, Bearer access token from the
/// service account). The error code in the answer's details decides retry or failover (<see cref="FcmStatusMapping"/>).
/// </summary>
public sealed class FcmProvider(string id, ProviderOptions common, FcmOptions options, FcmServiceAccount account, FcmAccessTokens tokens, HttpClient http, TimeProvider time)
    : HttpDeliveryProvider(id, common, http, time)
{
    public const string TypeName = "fcm";

    public override string Type => TypeName;

    protected override async Task<HttpRequestMessage> CreateRequestAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        var notification = new JsonObject { ["body"] = message.Text };
        if (!string.IsNullOrEmpty(message.Title))
        {
            notification["title"] = message.Title;
        }

        var body = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["token"] = message.To,
                ["notification"] = notification,
                ["data"] = Data(message),
            },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUri, $"v1/projects/{Uri.EscapeDataString(account.ProjectId)}/messages:send"))
        {
            Content = Json(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>FCM's data is a map of strings: the template's data with other values as JSON text, plus our id.</summary>
    private static JsonObject Data(OutgoingMessage message)
    {
        var data = new JsonObject();
        foreach (var (key, value) in message.Data ?? [])
        {
            data[key] = value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? string.Empty;
        }

        data[ProviderCustomArgs.MessageId] = message.MessageId;
        return data;
    }

    protected override ProviderResult Interpret(OutgoingMessage message, HttpResponseMessage response, string body, string summary)
    {
        var result = base.Interpret(message, response, body, summary);
        if (result.Succeeded)
        {
            return result;
        }

        var error = JsonFields.Object(body)?["error"] as JsonObject;
        var code = (error?["details"] as JsonArray)?.OfType<JsonObject>().Select(d => JsonFields.String(d, "errorCode")).FirstOrDefault(c => c is not null)
            ?? JsonFields.String(error, "status");
        if (code == "UNAUTHENTICATED")
        {
            tokens.Invalidate();
        }

        var rule = FcmStatusMapping.Table.Find(code);
        var described = result with { Error = $"{result.Error}: FCM {code} {JsonFields.String(error, "message")}".TrimEnd() };
        return rule?.ErrorClass switch
        {
            ErrorClasses.Transient when !HttpResponseClassifier.IsTransient(response.StatusCode) =>
                described with { Outcome = ProviderOutcome.TransientFailure, ErrorClass = ErrorClasses.Transient },
            ErrorClasses.Permanent when HttpResponseClassifier.IsTransient(response.StatusCode) =>
                described with { Outcome = ProviderOutcome.PermanentFailure, ErrorClass = ErrorClasses.Permanent, RetryAfter = null },
            _ => described,
        };
    }

    protected override string? ProviderMessageId(HttpResponseMessage response, string body) => JsonFields.String(body, "name");
}
