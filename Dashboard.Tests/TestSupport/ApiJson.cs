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

    /// <summary>The <c>field</c> of an error body, or null when the error names none.</summary>
    public static string? Field(JsonElement error) =>
        error.TryGetProperty("field", out var field) ? field.GetString() : null;
}
