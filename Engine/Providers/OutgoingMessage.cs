using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Providers;

/// <summary>What a provider sends: the rendered content for its channel and the address on that channel.</summary>
public sealed record OutgoingMessage
{
    public required string MessageId { get; init; }

    public required int AttemptNumber { get; init; }

    public required string Channel { get; init; }

    /// <summary>The address on this channel: an email address, a phone number, a device token, a user id.</summary>
    public required string To { get; init; }

    /// <summary>Email subject, push/in-app title.</summary>
    public string? Title { get; init; }

    /// <summary>The plain-text body (SMS, push, chat, and the text part of email).</summary>
    public required string Text { get; init; }

    /// <summary>The HTML body of email.</summary>
    public string? Html { get; init; }

    /// <summary>The in-app message's action URL, from its template.</summary>
    public string? ActionUrl { get; init; }

    /// <summary>The push data payload, from the template (rendered).</summary>
    public JsonObject? Data { get; init; }

    /// <summary>The RFC 5322 Message-ID: the same for every attempt at this message.</summary>
    public required string EmailMessageId { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra email headers every email provider sends as given: <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
