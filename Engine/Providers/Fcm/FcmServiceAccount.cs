using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Providers.Fcm;

/// <summary>The fields of a Google service account key file that the token exchange needs.</summary>
public sealed record FcmServiceAccount(string ProjectId, string ClientEmail, string PrivateKeyPem, string TokenUri)
{
    public const string DefaultTokenUri = "https://oauth2.googleapis.com/token";

    public static FcmServiceAccount Parse(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("not a JSON object");
        string Field(string name) => node[name]?.GetValue<string>() is { Length: > 0 } value ? value : throw new FormatException($"{name} is missing");
        return new FcmServiceAccount(Field("project_id"), Field("client_email"), Field("private_key"),
            node["token_uri"]?.GetValue<string>() ?? DefaultTokenUri);
    }

    public RSA CreateKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(PrivateKeyPem);
        return rsa;
    }
}
