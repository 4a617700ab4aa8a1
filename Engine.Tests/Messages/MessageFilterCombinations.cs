using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Tests.Messages;

/// <summary>Every event-log filter alone and every pair of them, with values that match rows of <see cref="SeededMessages"/>.</summary>
public static class MessageFilterCombinations
{
    public static (string Name, MessageFilter Filter)[] Single(DateTimeOffset now) =>
    [
        ("none", new MessageFilter()),
        ("status", new MessageFilter { Statuses = [MessageStatus.Undeliverable, MessageStatus.Sent] }),
        ("provider", new MessageFilter { Providers = ["sendgrid"] }),
        ("providers", new MessageFilter { Providers = ["sendgrid", "twilio"] }),
        ("channel", new MessageFilter { Channels = ["email"] }),
        ("tag", new MessageFilter { Tags = ["vip"] }),
        ("recipient", new MessageFilter { Recipient = "ada@example.com" }),
        ("recipient prefix", new MessageFilter { RecipientPrefix = "ada" }),
        ("template", new MessageFilter { Template = "welcome" }),
        ("template prefix", new MessageFilter { TemplatePrefix = "re" }),
        ("tag prefix", new MessageFilter { TagPrefix = "pr" }),
        ("trace", new MessageFilter { TraceId = "t-1" }),
        ("search", new MessageFilter { Search = " abc " }),
        ("message id", new MessageFilter { MessageId = "m-0007" }),
        ("request id", new MessageFilter { RequestId = "abc" }),
        ("after", new MessageFilter { EnqueuedAfter = now.AddHours(-1) }),
        ("before", new MessageFilter { EnqueuedBefore = now.AddMinutes(-30) }),
    ];

    public static TheoryData<string> Names()
    {
        var singles = Single(DateTimeOffset.UnixEpoch);
        var data = new TheoryData<string>();
        foreach (var (name, _) in singles)
        {
            data.Add(name);
        }

        foreach (var (first, _) in singles.Skip(1))
        {
            foreach (var (second, _) in singles.Skip(1))
            {
                if (string.CompareOrdinal(first, second) < 0)
                {
                    data.Add($"{first}+{second}");
                }
            }
        }

        return data;
    }

    public static MessageFilter Parse(string combination, DateTimeOffset now)
    {
        var singles = Single(now);
        return combination.Split('+').Select(n => singles.Single(s => s.Name == n).Filter).Aggregate(Merge);
    }

    private static MessageFilter Merge(MessageFilter a, MessageFilter b) => new()
    {
        Statuses = [.. a.Statuses, .. b.Statuses],
        Providers = [.. a.Providers, .. b.Providers],
        Channels = [.. a.Channels, .. b.Channels],
        Tags = [.. a.Tags, .. b.Tags],
        Recipient = a.Recipient ?? b.Recipient,
        RecipientPrefix = a.RecipientPrefix ?? b.RecipientPrefix,
        Template = a.Template ?? b.Template,
        TemplatePrefix = a.TemplatePrefix ?? b.TemplatePrefix,
        TagPrefix = a.TagPrefix ?? b.TagPrefix,
        TraceId = a.TraceId ?? b.TraceId,
        Search = a.Search ?? b.Search,
        MessageId = a.MessageId ?? b.MessageId,
        RequestId = a.RequestId ?? b.RequestId,
        EnqueuedAfter = a.EnqueuedAfter ?? b.EnqueuedAfter,
        EnqueuedBefore = a.EnqueuedBefore ?? b.EnqueuedBefore,
    };
}
