using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Api;

/// <summary>Reads a JSON request body with the checks every /api write needs: content type, size, encoding, syntax.</summary>
public static class ApiRequestReader
{
    public const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>The parsed body, or the error result to answer (400, 413); nothing has been stored either way.</summary>
    public static async Task<(JsonNode? Body, IResult? Error)> ReadJsonAsync(HttpRequest request, int maxBytes = DefaultMaxBytes)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            && mediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, ApiError.Result(StatusCodes.Status400BadRequest, "invalid_content_type",
                $"Send the body as JSON with 'Content-Type: application/json' (got '{request.ContentType ?? "none"}').", "Content-Type"));
        }

        byte[]? bytes;
        try
        {
            bytes = await RequestBodyReader.ReadLimitedAsync(request, maxBytes);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            bytes = null;
        }

        if (bytes is null)
        {
            return (null, ApiError.Result(StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"The body is larger than {maxBytes / 1024} KB.", "body"));
        }

        try
        {
            return (StrictJson.Parse(bytes), null);
        }
        catch (JsonBodyException invalid)
        {
            return (null, ApiError.Result(StatusCodes.Status400BadRequest, "invalid_json", invalid.Message, invalid.Field));
        }
    }
}
