using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Automations;

/// <summary>What a finished step leaves: the id it created (message or run) and the value its <c>ref</c> names.</summary>
public sealed record AutomationStepResult(string? CreatedId, JsonNode? Output);
