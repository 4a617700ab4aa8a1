namespace NotificationOps.Engine.Lists;

/// <summary>A live list as the dashboard lists it: its subscriber count beside its id and name.</summary>
public sealed record ListOverview(string Id, string Name, int Subscribers, DateTimeOffset UpdatedAt);
