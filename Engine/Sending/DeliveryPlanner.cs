using System.Text.Json.Nodes;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Routing;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Sending;

/// <summary>Routing (DESIGN.md, Data flow 3): channel order, then provider order within the channel; and rendering.</summary>
public sealed class DeliveryPlanner(ProviderRegistry providers, ContentRenderer renderer, TemplateCatalog templates, BrandService brands, TimeProvider time)
{
    /// <param name="preference">The recipient's preferences for the message's topic (<see cref="PreferenceGate"/>), when it has one.</param>
    public DeliveryPlan Plan(Message message, PreferenceDecision? preference = null)
    {
        var request = JsonNode.Parse(message.RequestJson)!.AsObject();
        var body = request["message"]!.AsObject();
        var recipient = request["to"] as JsonObject ?? new JsonObject();
        var routed = RoutedChannels(body);
        if (preference?.Channels is { } wanted)
        {
            routed = routed.Where(wanted.Contains).ToList();
        }

        // The version pinned at intake, so every attempt renders the same; a channel it has no content for is not offered.
        var template = message.Template is not null && message.TemplateId is { } templateId && message.TemplateVersion is { } version
            ? templates.Content(templateId, version)
            : null;
        var reachable = routed.Where(c => ChannelAddresses.For(c, recipient) is not null && (template is null || template.Has(c))).ToList();
        (MessageStatus, MessageReason, string)? refusal =
            message.ExpiresAt is { } expires && expires <= time.GetUtcNow()
                ? (MessageStatus.Undeliverable, MessageReason.Failed, $"Not sent within timeout.message (expired {EventTime.Utc(expires)}).")
            : message.Template is not null && template is null
                ? (MessageStatus.Undeliverable, MessageReason.Unpublished, $"Template '{message.Template}' has no published version.")
            : preference?.Refusal is { } refused
                ? (MessageStatus.Undeliverable, refused, preference.Note)
            : reachable.Count == 0 && preference?.Channels is not null
                ? (MessageStatus.Unroutable, MessageReason.NoChannels, $"{preference.Note} The recipient has no address for those channels among the routed ones.")
            : reachable.Count == 0
                ? (MessageStatus.Unroutable, MessageReason.NoChannels, template is null
                    ? $"The recipient has no address for any routed channel ({string.Join(", ", routed)})."
                    : $"No routed channel ({string.Join(", ", routed)}) has both an address for the recipient and content in template '{message.Template}' version {message.TemplateVersion} (it has {string.Join(", ", template.Channels())}).")
            : null;

        // A template is rendered here, once per run, so that content that fails with this message's data (a
        // helper given a bad value) is a refusal with the reason, not a send job failing over and over.
        Dictionary<string, RenderedContent>? rendered = null;
        if (refusal is null && template is not null)
        {
            try
            {
                var data = body["data"] as JsonObject;
                var brand = brands.Current;
                rendered = reachable.ToDictionary(c => c, c => renderer.RenderTemplate(c, template, data, recipient, brand));
            }
            catch (TemplateRenderException error)
            {
                refusal = (MessageStatus.Undeliverable, MessageReason.Failed, $"Template '{message.Template}' version {message.TemplateVersion} does not render: {error.Message}");
            }
        }

        return new DeliveryPlan(body, recipient, routed, reachable, refusal, template, rendered);
    }

    /// <summary>The first provider at or after the given position, skipping channels that have none; null at the end.</summary>
    public DeliveryTarget? Next(DeliveryPlan plan, int channelIndex, int providerIndex)
    {
        while (channelIndex < plan.Reachable.Count)
        {
            var channel = plan.Reachable[channelIndex];
            var candidates = Candidates(plan, channel);
            if (providerIndex < candidates.Count)
            {
                var rendered = Render(plan, channel);
                return new DeliveryTarget(candidates[providerIndex], channel, channelIndex, providerIndex, rendered, ChannelAddresses.For(channel, plan.Recipient)!);
            }

            channelIndex++;
            providerIndex = 0;
        }

        return null;
    }

    private RenderedContent Render(DeliveryPlan plan, string channel)
    {
        if (plan.Rendered?.GetValueOrDefault(channel) is { } rendered)
        {
            return rendered;
        }

        var (title, text) = SendContentParser.Parse(plan.Body["content"]);
        return renderer.Render(channel, title, text, plan.Body["data"] as JsonObject, plan.Recipient);
    }

    /// <summary>Where the next attempt goes after the given one failed, described for the history; null when none is left.</summary>
    public string? DescribeNext(DeliveryPlan plan, DeliveryTarget failed)
    {
        var next = Next(plan, failed.ChannelIndex, failed.ProviderIndex + 1);
        return next is null ? null : next.Channel == failed.Channel ? $"{next.Provider.Id} ({next.Channel})" : $"the {next.Channel} channel ({next.Provider.Id})";
    }

    private IReadOnlyList<IDeliveryProvider> Candidates(DeliveryPlan plan, string channel) =>
        providers.ForChannel(channel, plan.Body["channels"]?[channel]?["providers"] is JsonArray ids
            ? ids.OfType<JsonValue>().Select(v => v.ToString()).ToList()
            : null);

    private static IReadOnlyList<string> RoutedChannels(JsonObject body)
    {
        if (body["routing"]?["channels"] is JsonArray array)
        {
            var channels = new List<string>();
            Collect(array, channels);
            if (channels.Count > 0)
            {
                return channels;
            }
        }

        return Channels.DefaultOrder;
    }

    private static void Collect(JsonArray array, List<string> channels)
    {
        foreach (var item in array)
        {
            if (item is JsonObject nested && nested["channels"] is JsonArray inner)
            {
                Collect(inner, channels);
            }
            else if (item is JsonValue value && value.TryGetValue<string>(out var channel))
            {
                channel = channel.Trim().ToLowerInvariant();
                if (Channels.IsKnown(channel) && !channels.Contains(channel))
                {
                    channels.Add(channel);
                }
            }
        }
    }
}
