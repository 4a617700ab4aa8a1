namespace NotificationOps.Engine.Http;

/// <summary>A request body that is not acceptable JSON (syntax, encoding, duplicate keys), with the field it is about.</summary>
public sealed class JsonBodyException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
