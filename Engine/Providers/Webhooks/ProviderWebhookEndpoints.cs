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
            return Results.NotFound();
        }

        if (await RequestBodyReader.ReadLimitedAsync(context.Request, MaxBodyBytes) is not { } bytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var request = new WebhookRequest(
            System.Text.Encoding.UTF8.GetString(bytes),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.ContentType)
        {
            PublicUrl = new Uri(urls.Base, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString),
        };
        var outcome = await processor.HandleAsync(provider, integrationId, request, context.RequestAborted);
        return Results.Text(outcome.Message, "text/plain", statusCode: outcome.StatusCode);
    }
}
