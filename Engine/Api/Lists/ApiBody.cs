using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace NotificationOps.Engine.Api;

/// <summary>Runs an endpoint with its JSON body read by <see cref="ApiRequestReader"/>, or answers the reader's error.</summary>
public static class ApiBody
{
    /// <summary>With <paramref name="required"/> false, a request without a body hands null to <paramref name="handle"/>.</summary>
    public static async Task<IResult> WithJsonAsync(HttpRequest request, bool required, Func<JsonNode?, Task<IResult>> handle)
    {
        if (!required && request.ContentLength is 0 or null && request.ContentType is null)
        {
            return await handle(null);
        }

        var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
        return error ?? await handle(body);
    }
}
