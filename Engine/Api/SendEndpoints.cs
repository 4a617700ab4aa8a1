using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NotificationOps.Engine.Sending;

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

                SendRequest parsed;
                try
                {
                    parsed = SendRequestParser.Parse(body);
                }
                catch (SendValidationException invalid)
                {
                    return ApiRequestReader.Error(invalid.StatusCode, "invalid_request", invalid.Message, invalid.Field);
                }

                var accepted = await sender.AcceptAsync(parsed, cancellationToken: cancellationToken);
                return TypedResults.Json(new SendResponse(accepted.RequestId), statusCode: StatusCodes.Status202Accepted);
            })
            .WithName("Send")
            .WithSummary("Send a notification to one or more recipients (Courier's POST /send).")
            .Accepts<SendBody>("application/json")
            .Produces<SendResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status422UnprocessableEntity);
        return api;
    }
}
