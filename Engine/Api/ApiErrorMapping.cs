using Microsoft.AspNetCore.Http;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Api;

/// <summary>The one place a core validation kind becomes an HTTP status and an error type (docs/errors.md).</summary>
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

    public static IResult ToResult(RequestValidationException invalid) =>
        ApiRequestReader.Error(StatusOf(invalid.Kind), TypeOf(invalid.Kind), invalid.Message, invalid.Field);
}
