using MudBlazor;
using NotificationOps.Engine.Automations;

namespace NotificationOps.Dashboard.Components.Pages.Automations;

/// <summary>One colour per run and step status, the same on every automations page.</summary>
public static class AutomationRunStyle
{
    public static Color Color(AutomationRunStatus status) => status switch
    {
        AutomationRunStatus.Completed => MudBlazor.Color.Success,
        AutomationRunStatus.Failed => MudBlazor.Color.Error,
        AutomationRunStatus.Waiting => MudBlazor.Color.Info,
        AutomationRunStatus.Running => MudBlazor.Color.Primary,
        _ => MudBlazor.Color.Default,
    };

    public static Color Color(AutomationStepStatus status) => status switch
    {
        AutomationStepStatus.Completed => MudBlazor.Color.Success,
        AutomationStepStatus.Failed => MudBlazor.Color.Error,
        AutomationStepStatus.Waiting => MudBlazor.Color.Info,
        AutomationStepStatus.Running or AutomationStepStatus.Pending => MudBlazor.Color.Primary,
        _ => MudBlazor.Color.Default,
    };
}
