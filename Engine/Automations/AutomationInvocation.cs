using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Automations;

/// <summary>A checked request to start a run: ad-hoc steps or a template's published ones, with the run's values.</summary>
public sealed record AutomationInvocation
{
    public required JsonArray Steps { get; init; }

    public string? Recipient { get; init; }

    public JsonObject Data { get; init; } = new();

    public JsonObject Profile { get; init; } = new();

    /// <summary>The message template send steps use when they name none.</summary>
    public string? MessageTemplate { get; init; }

    public string? Brand { get; init; }

    /// <summary>Unrendered: placeholders are filled from <see cref="Data"/> at start.</summary>
    public string? CancelationToken { get; init; }

    public string? TemplateId { get; init; }

    public int? TemplateVersion { get; init; }

    /// <summary>A given run id (an invoke step's, derived from its run and step); a new one when null.</summary>
    public string? RunId { get; init; }
}
