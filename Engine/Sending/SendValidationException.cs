namespace NotificationOps.Engine.Sending;

/// <summary>A send request that cannot be accepted, with the HTTP status and the field to fix.</summary>
public sealed class SendValidationException(int statusCode, string field, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Field { get; } = field;
}
