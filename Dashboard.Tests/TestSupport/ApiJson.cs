using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>Request bodies as written on the wire, and answers read back as JSON.</summary>
public static class ApiJson
{
    public static StringContent Content(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, mediaType);

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Sends a request that must succeed (the failure names the call and the answer); its JSON body, or default when empty.</summary>
    public static async Task<JsonElement> SendOkAsync(HttpClient client, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : Content(json) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The <c>field</c> of an error body, or null when the error names none.</summary>
    public static string? Field(JsonElement error) =>
        error.TryGetProperty("field", out var field) ? field.GetString() : null;
}
