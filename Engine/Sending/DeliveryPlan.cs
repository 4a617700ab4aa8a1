using System.Text.Json.Nodes;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Sending;

/// <summary>What a message asks for, read once per run: its content (or pinned template version), recipient and the channels it can go to.</summary>
public sealed record DeliveryPlan(
    JsonObject Body,
    JsonObject Recipient,
    IReadOnlyList<string> Routed,
    IReadOnlyList<string> Reachable,
    (MessageStatus Status, MessageReason Reason, string Error)? Refusal,
    TemplateContent? Template = null,
    IReadOnlyDictionary<string, RenderedContent>? Rendered = null);
