using MudBlazor;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Dashboard.Components.Pages.Messages;

/// <summary>Who wrote a history event, as the timeline labels it.</summary>
public sealed record EventSourceStyle(string Label, string Icon)
{
    public static EventSourceStyle For(string source) => source switch
    {
        MessageEventSources.Pipeline => new("Our pipeline", Icons.Material.Filled.AccountTree),
        MessageEventSources.Provider => new("Provider", Icons.Material.Filled.Dns),
        MessageEventSources.Webhook => new("Provider webhook", Icons.Material.Filled.Webhook),
        MessageEventSources.Tracking => new("Tracking hit", Icons.Material.Filled.AdsClick),
        MessageEventSources.Operator => new("Operator", Icons.Material.Filled.Person),
        MessageEventSources.Api => new("API", Icons.Material.Filled.Api),
        _ => new(source, Icons.Material.Filled.HelpOutline),
    };
}
