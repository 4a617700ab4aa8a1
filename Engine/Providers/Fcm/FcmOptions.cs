using System.Text.Json;
using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Fcm;

/// <summary>Firebase Cloud Messaging's keys under Providers:&lt;id&gt;.</summary>
public sealed class FcmOptions : HttpProviderOptions
{
    /// <summary>The service account key file's JSON (project_id, client_email, private_key).</summary>
    public string ServiceAccountJson { get; set; } = string.Empty;

    /// <summary>Where the signed JWT is exchanged for an access token; the key file's token_uri when empty.</summary>
    public string? TokenUrl { get; set; }

    protected override string DefaultBaseUrl => "https://fcm.googleapis.com";

    protected override IEnumerable<string> ValidateOwn(string path)
    {
        if (string.IsNullOrWhiteSpace(ServiceAccountJson))
        {
            yield return $"{path}:ServiceAccountJson is required.";
            yield break;
        }

        string? problem = null;
        try
        {
            var account = FcmServiceAccount.Parse(ServiceAccountJson);
            using var key = account.CreateKey();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            problem = $"{path}:ServiceAccountJson is not a usable service account key ({ex.Message}).";
        }

        if (problem is not null)
        {
            yield return problem;
        }

        if (!string.IsNullOrWhiteSpace(TokenUrl) && !IsHttpUrl(TokenUrl))
        {
            yield return $"{path}:TokenUrl must be an absolute http(s) URL.";
        }
    }
}
