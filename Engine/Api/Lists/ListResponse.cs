using System.Globalization;
using System.Text.Json.Serialization;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Engine.Api;

/// <summary>Courier's <c>SubscriptionList</c>: id, name, and ISO-8601 creation and update times.</summary>
public sealed record ListResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("updated")] string Updated)
{
    public static ListResponse From(SubscriptionList list) => new(list.Id, list.Name, Iso(list.CreatedAt), Iso(list.UpdatedAt));

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
