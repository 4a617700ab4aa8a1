using Microsoft.AspNetCore.Components;

namespace NotificationOps.Dashboard.Components.Shared;

/// <summary>
/// The summary of a <see cref="ConfirmDialog"/> as labelled facts about exactly what the action touches (one
/// <see cref="CardField"/> each, empty ones left out), so "are you sure" is answered knowing what is meant.
/// </summary>
public static class ConfirmFacts
{
    public static RenderFragment Of(params (string Label, string? Value)[] facts) => builder =>
    {
        foreach (var (label, value) in facts)
        {
            builder.OpenComponent<CardField>(0);
            builder.AddComponentParameter(1, nameof(CardField.Label), label);
            builder.AddComponentParameter(2, nameof(CardField.Value), value);
            builder.CloseComponent();
        }
    };
}
