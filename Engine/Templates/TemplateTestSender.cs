using System.Text.Json.Nodes;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// A test send from the editor: the template's latest version (draft or not) to one address or user id, through
/// the real pipeline (<see cref="SendService"/>), tagged <c>test</c> so the event log tells it apart.
/// </summary>
public sealed class TemplateTestSender(SendService sender)
{
    public const string TestTag = "test";

    /// <summary>The message id.</summary>
    /// <exception cref="RequestValidationException">The recipient is neither an email, a phone number nor a user id.</exception>
    public async Task<string> SendAsync(Template template, string recipient, JsonObject? data, CancellationToken cancellationToken = default)
    {
        recipient = recipient.Trim();
        var to = recipient.Contains('@') ? new JsonObject { ["email"] = recipient }
            : recipient.StartsWith('+') ? new JsonObject { ["phone_number"] = recipient }
            : new JsonObject { ["user_id"] = recipient };
        var request = SendRequestParser.Parse(new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["to"] = to,
                // By alias, as senders do: the message then names the template the way the event log and its page show it.
                ["template"] = template.Alias,
                ["data"] = data?.DeepClone() ?? new JsonObject(),
                ["metadata"] = new JsonObject { ["tags"] = new JsonArray(TestTag) },
            },
        }) with { TemplateVersion = template.LatestVersion };
        var accepted = await sender.AcceptAsync(request, MessageEventSources.Operator, cancellationToken);
        return accepted.MessageIds[0];
    }
}
