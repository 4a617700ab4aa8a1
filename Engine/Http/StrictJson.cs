using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace NotificationOps.Engine.Http;

/// <summary>
/// Parses request bodies (the API's and provider webhooks') refusing what System.Text.Json lets through only to fail
/// later, far from the input: bytes that are not UTF-8, strings holding a lone surrogate (<c>"\ud800"</c>, which
/// throws when read) and duplicate keys (which throw when the object is first touched). Each refusal is a
/// <see cref="JsonBodyException"/> naming the field, in the dotted form the API's errors use (<c>message.to.email</c>).
/// </summary>
public static class StrictJson
{
    public const int MaxDepth = 64;

    public static JsonNode Parse(byte[] utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new JsonBodyException("body", "The body is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new JsonBodyException("body", $"The body is not valid JSON: {JsonErrorText.Of(ex)}");
        }

        using (document)
        {
            Check(document.RootElement, string.Empty);
            return JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth })
                ?? throw new JsonBodyException("body", "The body is JSON null; send an object.");
        }
    }

    public static JsonNode Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    private static void Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var name = Text(() => property.Name, path.Length == 0 ? "body" : path, "A property name");
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (!seen.Add(name))
                    {
                        throw new JsonBodyException(child, $"'{child}' appears more than once; send each key once.");
                    }

                    Check(property.Value, child);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, $"{(path.Length == 0 ? "body" : path)}[{index++}]");
                }

                break;
            case JsonValueKind.String:
                Text(element.GetString, path.Length == 0 ? "body" : path, $"'{path}'");
                break;
        }
    }

    // System.Text.Json throws InvalidOperationException when an escaped lone surrogate is read as a string.
    private static string Text(Func<string?> read, string field, string what)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw new JsonBodyException(field, $"{what} is not valid Unicode text (a lone surrogate such as \\ud800).");
        }
    }
}
