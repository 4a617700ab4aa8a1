using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Http;

namespace NotificationOps.Engine.Api;

/// <summary><c>POST /api/send</c>, as Courier's: 202 <c>{"requestId": ...}</c>.</summary>
public static class SendEndpoints
{
    public static RouteGroupBuilder MapSend(this RouteGroupBuilder api)
    {
        api.MapPost("/send", async (HttpRequest request, SendService sender, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiRequestReader.ReadJsonAsync(request);
                if (error is not null)
                {
                    return error;
                }

                // A refusal throws RequestValidationException; ApiExceptionMiddleware answers it with the field.
                var parsed = SendRequestParser.Parse(body);
                // With an Idempotency-Key, the answer is stored with the messages, and these are the bytes answered.
                var hold = request.HttpContext.Features.Get<IdempotencyHold>();
                IdempotentAnswer? stored = null;
                var accepted = await sender.AcceptAsync(parsed, cancellationToken: cancellationToken,
                    answer: hold is null ? null : id => stored = new IdempotentAnswer(hold, StatusCodes.Status202Accepted, AnswerBody(id, request.HttpContext), JsonContentType));
                return stored is null
                    ? TypedResults.Json(new SendResponse(accepted.RequestId), statusCode: StatusCodes.Status202Accepted)
                    : Results.Content(stored.Body, stored.ContentType, statusCode: stored.StatusCode);
            })
            .WithName("Send")
            .WithSummary("Send a notification to one or more recipients (Courier's POST /send).")
            // Not .Accepts<T>(): that would route a wrong Content-Type past this endpoint to a 404, where the
            // caller deserves a 400 that says what to send. The body is documented by a transformer instead.
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(SendBody), null, cancellationToken) },
                    },
                };
            })
            .Produces<SendResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The 202's body as <c>TypedResults.Json</c> writes it, with the app's JSON options.</summary>
    private static string AnswerBody(string requestId, HttpContext context) => JsonSerializer.Serialize(
        new SendResponse(requestId), context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
}
