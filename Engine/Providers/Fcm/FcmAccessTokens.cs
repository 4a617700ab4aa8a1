using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Providers.Http;

namespace NotificationOps.Engine.Providers.Fcm;

/// <summary>
/// OAuth 2.0 for service accounts: a JWT signed RS256 with the account's key (scope firebase.messaging) is
/// exchanged at the token endpoint for an access token, kept until a minute before it expires.
/// </summary>
public sealed class FcmAccessTokens(FcmServiceAccount account, Uri tokenUrl, HttpClient http, TimeProvider time)
{
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset Until)? cached;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } c && c.Until > time.GetUtcNow())
            {
                return c.Token;
            }

            var now = time.GetUtcNow();
            var form = new FormUrlEncodedContent([
                new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                new("assertion", Assertion(now)),
            ]);
            using var response = await http.PostAsync(tokenUrl, form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = JsonFields.Object(body);
            if (!response.IsSuccessStatusCode || JsonFields.String(json, "access_token") is not { } token)
            {
                var summary = $"POST {tokenUrl.GetLeftPart(UriPartial.Path)} (JWT bearer grant for {account.ClientEmail})";
                var failure = response.IsSuccessStatusCode
                    ? new ProviderResult(ProviderOutcome.TransientFailure) { ErrorClass = ErrorClasses.Transient, Error = "Token endpoint answered without an access_token." }
                    : HttpResponseClassifier.Failure(response, body, summary, now);
                throw new ProviderAuthenticationException(failure with
                {
                    Error = $"FCM token exchange failed: {failure.Error} {JsonFields.String(json, "error")}".Trim(),
                    RequestSummary = summary,
                    ResponseStatus = (int)response.StatusCode,
                });
            }

            var lifetime = int.TryParse(JsonFields.String(json, "expires_in"), out var seconds) ? seconds : 3600;
            cached = (token, now.AddSeconds(Math.Max(0, lifetime - 60)));
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forget the token (FCM answered 401 UNAUTHENTICATED: it was revoked or expired early).</summary>
    public void Invalidate() => cached = null;

    private string Assertion(DateTimeOffset now)
    {
        var header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));
        var claims = new JsonObject
        {
            ["iss"] = account.ClientEmail,
            ["scope"] = Scope,
            ["aud"] = tokenUrl.ToString(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        using var key = account.CreateKey();
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
