using System.Text.Json.Nodes;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>
/// Settings → Providers' "send test": a real message through the normal pipeline, routed to that one provider,
/// tagged provider-test, so its attempt, answer and receipts show in the Event Log like any other.
/// </summary>
public sealed class ProviderTestSender(SendService sends, ProviderRegistry registry)
{
    public const string Tag = "provider-test";

    /// <summary>The new message's id, or the reason it could not be accepted.</summary>
    public async Task<(string? MessageId, string? Error)> SendAsync(string providerId, string address, CancellationToken cancellationToken = default)
    {
        var provider = registry.Find(providerId);
        if (provider is null)
        {
            return (null, $"'{providerId}' is not an enabled, valid provider.");
        }

        var to = provider.Channel switch
        {
            Channels.Email => new JsonObject { ["email"] = address },
            Channels.Sms => new JsonObject { ["phone_number"] = address },
            Channels.Push => new JsonObject { ["user_id"] = Tag, ["firebaseToken"] = address },
            Channels.Chat => new JsonObject { ["user_id"] = Tag, ["chat"] = address },
            _ => new JsonObject { ["user_id"] = address },
        };
        var body = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["to"] = to,
                ["content"] = new JsonObject
                {
                    ["title"] = "NotificationOps test",
                    ["body"] = $"A test message from Settings → Providers, sent through {provider.Id}.",
                },
                ["routing"] = new JsonObject { ["method"] = "single", ["channels"] = new JsonArray(provider.Channel) },
                ["channels"] = new JsonObject { [provider.Channel] = new JsonObject { ["providers"] = new JsonArray(provider.Id) } },
                ["metadata"] = new JsonObject { ["tags"] = new JsonArray(Tag) },
            },
        };
        try
        {
            var accepted = await sends.AcceptAsync(SendRequestParser.Parse(body), MessageEventSources.Operator, cancellationToken);
            return (accepted.MessageIds.Single(), null);
        }
        catch (RequestValidationException ex)
        {
            return (null, ex.Message);
        }
    }
}
