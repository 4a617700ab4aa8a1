using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Hosting;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>POST /webhooks/{provider}/{integrationId}: anonymous (the provider's signature is the credential), size-limited.</summary>
public static class ProviderWebhookEndpoints
{
    /// <summary>Provider batches are small (SendGrid posts at most a few hundred events); anything larger is refused.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapProviderWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/{provider}/{integrationId}", HandleAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(string provider, string integrationId, HttpContext context, ProviderWebhookProcessor processor, PublicUrls urls)
    {
        if (!processor.Supports(provider))
        {
            return ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"No webhook for provider '{provider}'.");
        }

        if (await RequestBodyReader.ReadLimitedAsync(context.Request, MaxBodyBytes) is not { } bytes)
        {
            return ApiError.Result(StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"The body is larger than {MaxBodyBytes / 1024} KB.", "body");
        }

        // Decoding would quietly turn bad bytes into U+FFFD and store them; providers post UTF-8.
        if (!Utf8.IsValid(bytes))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_json", "The body is not valid UTF-8.", "body");
        }

        var request = new WebhookRequest(
            System.Text.Encoding.UTF8.GetString(bytes),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.ContentType)
        {
            PublicUrl = new Uri(urls.Base, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString),
        };
        var outcome = await processor.HandleAsync(provider, integrationId, request, context.RequestAborted);
        return outcome.StatusCode switch
        {
            < 400 => Results.Text(outcome.Message, "text/plain", statusCode: outcome.StatusCode),
            StatusCodes.Status401Unauthorized => ApiError.Result(outcome.StatusCode, "unauthorized", outcome.Message),
            StatusCodes.Status404NotFound => ApiError.Result(outcome.StatusCode, "not_found", outcome.Message),
            _ => ApiError.Result(outcome.StatusCode, "invalid_request", outcome.Message, outcome.Field),
        };
    }

}
