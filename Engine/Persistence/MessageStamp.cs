namespace NotificationOps.Engine.Persistence;

/// <summary>What a started attempt writes on its message row: the attempt number, where it goes and what it renders.</summary>
public sealed record MessageStamp(string Id, int AttemptCount, string Channel, string Provider, int ChannelIndex, int ProviderIndex, string OutputJson);
