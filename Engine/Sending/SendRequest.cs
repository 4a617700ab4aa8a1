using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Sending;

/// <summary>A validated <c>POST /api/send</c>: recipients and what to send them.</summary>
public sealed record SendRequest
{
    public required IReadOnlyList<RecipientSpec> Recipients { get; init; }

    /// <summary>Lists and list patterns in <c>message.to</c>: expanded after the 202 by a fan-out job.</summary>
    public IReadOnlyList<RecipientGroup> Groups { get; init; } = [];

    /// <summary>The <c>message</c> object without <c>to</c>: content or template, data, routing, overrides, metadata.</summary>
    public required JsonObject Message { get; init; }

    public string? Template { get; init; }

    /// <summary>A given template version instead of the published one (a test send of a draft); never from the API.</summary>
    public int? TemplateVersion { get; init; }

    /// <summary>
    /// A caller-chosen request id (an automation's send step derives it from run and step, so a step that runs twice
    /// finds its message); never from the API. A new id when null.
    /// </summary>
    public string? RequestId { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? TraceId { get; init; }

    /// <summary>single or all.</summary>
    public string RoutingMethod { get; init; } = RoutingMethods.Single;

    /// <summary>The channels in preference order; null when the send named none.</summary>
    public IReadOnlyList<string>? RoutingChannels { get; init; }

    public TimeSpan? Delay { get; init; }

    public DateTimeOffset? DelayUntil { get; init; }

    /// <summary>timeout.message: give up (UNDELIVERABLE) when not sent within this long.</summary>
    public TimeSpan? Timeout { get; init; }
}
