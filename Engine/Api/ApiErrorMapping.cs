using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>The one place a refused request (a core validation kind, bad JSON) becomes an HTTP status and an error body (docs/errors.md).</summary>
public static class ApiErrorMapping
{
    public static int StatusOf(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.NotFound => StatusCodes.Status404NotFound,
        ValidationErrorKind.Conflict => StatusCodes.Status409Conflict,
        ValidationErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    public static string TypeOf(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.NotFound => "not_found",
        ValidationErrorKind.Conflict => "conflict",
        _ => "invalid_request",
    };

    /// <summary>The answer to an exception that means the request itself is at fault (4xx); false for anything else.</summary>
    public static bool TryDescribe(Exception exception, out int status, [NotNullWhen(true)] out ApiError? error)
    {
        (status, error) = exception switch
        {
            RequestValidationException invalid => (StatusOf(invalid.Kind), new ApiError(TypeOf(invalid.Kind), invalid.Message) { Field = invalid.Field }),
            JsonBodyException json => (StatusCodes.Status400BadRequest, new ApiError("invalid_json", json.Message) { Field = json.Field }),
            BadHttpRequestException bad => (bad.StatusCode, new ApiError(bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "payload_too_large" : "invalid_request", bad.Message)),
            _ => (0, null),
        };
        return error is not null;
    }

    public static IResult ToResult(RequestValidationException invalid) =>
        ApiError.Result(StatusOf(invalid.Kind), TypeOf(invalid.Kind), invalid.Message, invalid.Field);
}
