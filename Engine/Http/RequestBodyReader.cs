using Microsoft.AspNetCore.Http;

namespace NotificationOps.Engine.Http;

/// <summary>Reads a request body up to a size limit; shared by the API, idempotency and provider webhooks.</summary>
public static class RequestBodyReader
{
    /// <summary>The whole body, or null when it is larger than <paramref name="maxBytes"/> (declared or as read).</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
