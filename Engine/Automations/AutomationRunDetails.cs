namespace NotificationOps.Engine.Automations;

/// <summary>A run with its steps in order.</summary>
public sealed record AutomationRunDetails(AutomationRun Run, IReadOnlyList<AutomationRunStep> Steps);
