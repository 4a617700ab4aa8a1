using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// What a template says on each channel. A channel without content is not offered for routing. Stored and sent
/// on the wire as snake_case JSON: <c>{"email": {"subject", "html", "text"}, "sms": {"text"}, ...}</c>.
/// </summary>
public sealed record TemplateContent
{
    /// <summary>Strict: a misspelt field ("html_body") is an error naming it, not content silently dropped.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static readonly TemplateContent Empty = new();

    /// <summary>Every templated field, in the order the editor shows them.</summary>
    public static readonly string[] FieldOrder =
    [
        "email.subject", "email.html", "email.text", "sms.text", "push.title", "push.body", "push.data",
        "chat.text", "inbox.title", "inbox.body", "inbox.action_url",
    ];

    public EmailContent? Email { get; init; }

    public SmsContent? Sms { get; init; }

    public PushContent? Push { get; init; }

    public ChatContent? Chat { get; init; }

    public InboxContent? Inbox { get; init; }

    /// <summary>
    /// The subscription topic sends of this template are checked against when the message names none
    /// (<c>message.preferences.subscription_topic_id</c> wins). Versioned with the content, as Courier keeps it on the template.
    /// </summary>
    public string? SubscriptionTopicId { get; init; }

    /// <summary>The channels this content can be sent on, in <see cref="Channels.All"/> order.</summary>
    public IReadOnlyList<string> Channels() => Engine.Channels.All.Where(Has).ToList();

    public bool Has(string channel) => channel switch
    {
        Engine.Channels.Email => Email is { IsEmpty: false },
        Engine.Channels.Sms => Sms is { IsEmpty: false },
        Engine.Channels.Push => Push is { IsEmpty: false },
        Engine.Channels.Chat => Chat is { IsEmpty: false },
        Engine.Channels.Inbox => Inbox is { IsEmpty: false },
        _ => false,
    };

    /// <summary>Every templated text with its path ("email.html"), for checks and diffs.</summary>
    public IEnumerable<(string Field, string Source)> Fields()
    {
        (string, string?)[] all =
        [
            ("email.subject", Email?.Subject), ("email.html", Email?.Html), ("email.text", Email?.Text),
            ("sms.text", Sms?.Text),
            ("push.title", Push?.Title), ("push.body", Push?.Body), ("push.data", Push?.Data?.ToJsonString(new JsonSerializerOptions { WriteIndented = true })),
            ("chat.text", Chat?.Text),
            ("inbox.title", Inbox?.Title), ("inbox.body", Inbox?.Body), ("inbox.action_url", Inbox?.ActionUrl),
        ];
        return all.Where(f => !string.IsNullOrEmpty(f.Item2)).Select(f => (f.Item1, f.Item2!));
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TemplateContent FromJson(string json) => JsonSerializer.Deserialize<TemplateContent>(json, Json) ?? Empty;
}
