using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Preferences;

namespace NotificationOps.Engine.Tests.Preferences;

public sealed class PreferenceGateTests
{
    [Theory]
    [InlineData(PreferenceStatus.OptedIn, null, null)]
    [InlineData(PreferenceStatus.OptedIn, PreferenceStatus.OptedOut, MessageReason.Unsubscribed)]
    [InlineData(PreferenceStatus.OptedOut, null, MessageReason.OptInRequired)]
    [InlineData(PreferenceStatus.OptedOut, PreferenceStatus.OptedIn, null)]
    [InlineData(PreferenceStatus.OptedOut, PreferenceStatus.OptedOut, MessageReason.Unsubscribed)]
    [InlineData(PreferenceStatus.Required, PreferenceStatus.OptedOut, null)]
    [InlineData(PreferenceStatus.Required, null, null)]
    public void Decide_RefusesWithReason_PerTopicDefaultAndChoice(PreferenceStatus topicDefault, PreferenceStatus? choice, MessageReason? expected)
    {
        var decision = PreferenceGate.Decide(Topic(topicDefault), choice is { } status ? Choice(status) : null);

        Assert.Equal(expected, decision.Refusal);
        Assert.Contains("'t1'", decision.Note);
    }

    [Fact]
    public void Decide_NarrowsChannels_ToCustomRoutingBeforeTopicDefault()
    {
        var topic = Topic(PreferenceStatus.OptedIn);
        topic.DefaultChannels = "email";
        var choice = Choice(PreferenceStatus.OptedIn);
        choice.HasCustomRouting = true;
        choice.CustomRouting = "sms,chat";

        Assert.Equal(["sms", "chat"], PreferenceGate.Decide(topic, choice).Channels);
        Assert.Equal(["email"], PreferenceGate.Decide(topic, null).Channels);
        Assert.Null(PreferenceGate.Decide(Topic(PreferenceStatus.OptedIn), null).Channels);
    }

    [Theory]
    [InlineData("""{"message":{"preferences":{"subscription_topic_id":"news"}},"to":{}}""", "news")]
    [InlineData("""{"message":{"preferences":{}},"to":{}}""", null)]
    [InlineData("""{"message":{"data":{"subscription_topic_id":"x"}},"to":{}}""", null)]
    public void TopicOf_ReadsMessagePreferencesOnly(string requestJson, string? expected)
    {
        Assert.Equal(expected, PreferenceGate.TopicOf(requestJson));
    }

    private static SubscriptionTopic Topic(PreferenceStatus status) => new() { Id = "t1", Name = "T1", DefaultStatus = status };

    private static UserTopicPreference Choice(PreferenceStatus status) => new() { UserId = "u", TopicId = "t1", Status = status };
}
