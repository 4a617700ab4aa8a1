namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>A provider's webhook call as the verifiers need it: the body as received and the headers.</summary>
public sealed record WebhookRequest(string Body, IReadOnlyDictionary<string, string> Headers, string? ContentType)
{
    /// <summary>The URL the provider called as it knows it (PublicUrl + path + query): what Twilio signs.</summary>
    public required Uri PublicUrl { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The form fields of an application/x-www-form-urlencoded body, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form() =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Body)
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty)))
            .ToList();
}
