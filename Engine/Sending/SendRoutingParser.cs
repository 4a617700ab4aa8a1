using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// The routing part of a send body (<c>message.routing</c> and <c>message.channels</c>), checked for
/// <see cref="SendRequestParser"/>: which channels, in what order, and by which method a message goes out.
/// </summary>
internal static class SendRoutingParser
{
    public static (string Method, IReadOnlyList<string>? Channels) ParseRouting(JsonNode? routing)
    {
        if (routing is null)
        {
            return (RoutingMethods.Single, null);
        }

        if (routing is not JsonObject obj)
        {
            throw SendRequestParser.Invalid("message.routing", "'message.routing' must be an object: {\"method\": \"single\", \"channels\": [\"email\"]}.");
        }

        var method = SendRequestParser.OptionalString(obj, "method", "message.routing.method") ?? RoutingMethods.Single;
        if (method is not (RoutingMethods.Single or RoutingMethods.All))
        {
            throw SendRequestParser.Invalid("message.routing.method", $"'message.routing.method' must be 'single' or 'all', not '{method}'.");
        }

        var channels = new List<string>();
        Flatten(obj["channels"], "message.routing.channels", channels);
        return (method, channels.Count == 0 ? null : channels);
    }

    private static void Flatten(JsonNode? node, string field, List<string> channels)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray array)
        {
            throw SendRequestParser.Invalid(field, $"'{field}' must be an array of channel names.");
        }

        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            if (item is JsonObject nested)
            {
                Flatten(nested["channels"], $"{field}[{i}].channels", channels);
                continue;
            }

            if (item is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                throw SendRequestParser.Invalid($"{field}[{i}]", $"'{field}[{i}]' must be a channel name.");
            }

            var channel = value.GetValue<string>().Trim().ToLowerInvariant();
            if (!Channels.IsKnown(channel))
            {
                throw SendRequestParser.Invalid($"{field}[{i}]", $"Unknown channel '{channel}' (known: {string.Join(", ", Channels.All)}).");
            }

            if (!channels.Contains(channel))
            {
                channels.Add(channel);
            }
        }
    }

    public static void ParseChannelOverrides(JsonNode? node)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonObject obj)
        {
            throw SendRequestParser.Invalid("message.channels", "'message.channels' must be an object keyed by channel.");
        }

        foreach (var (channel, config) in obj)
        {
            if (!Channels.IsKnown(channel))
            {
                throw SendRequestParser.Invalid($"message.channels.{channel}", $"Unknown channel '{channel}' (known: {string.Join(", ", Channels.All)}).");
            }

            if (config is JsonObject c && c["providers"] is { } providers && providers is not JsonArray)
            {
                throw SendRequestParser.Invalid($"message.channels.{channel}.providers", "'providers' must be an array of provider ids.");
            }
        }
    }
}
