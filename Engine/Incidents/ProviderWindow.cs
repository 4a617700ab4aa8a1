namespace NotificationOps.Engine.Incidents;

/// <summary>One provider's finished attempts in the rule window.</summary>
public sealed record ProviderWindow(string Provider, string Channel, int Attempts, int TransientFailures, int? LastFailureStatus, string? LastErrorClass);
