using NotificationOps.Engine.Automations;

namespace NotificationOps.Dashboard.Components.Pages.Automations;

/// <summary>The fields the editor shows on each action's card: Courier's, as dotted paths into the step object.</summary>
public static class AutomationStepFields
{
    public sealed record Field(string Path, string Label, FieldKind Kind, IReadOnlyList<string>? Choices = null);

    public enum FieldKind
    {
        Text,
        Json,
        Choice,
    }

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static IReadOnlyList<Field> For(string action) => action switch
    {
        AutomationActions.Delay => [new("duration", "Duration (\"5 minutes\")", FieldKind.Text), new("until", "Until (ISO 8601)", FieldKind.Text)],
        AutomationActions.Send => [new("template", "Template", FieldKind.Text), new("recipient", "Recipient (user id)", FieldKind.Text), new("brand", "Brand", FieldKind.Text),
            new("data", "Data (JSON)", FieldKind.Json), new("profile", "Profile (JSON)", FieldKind.Json)],
        AutomationActions.SendList => [new("list", "List", FieldKind.Text), new("brand", "Brand", FieldKind.Text), new("data", "Data (JSON)", FieldKind.Json)],
        AutomationActions.UpdateProfile => [new("recipient_id", "Recipient (user id)", FieldKind.Text), new("merge", "Merge", FieldKind.Choice, MergeStrategy.All),
            new("profile", "Profile (JSON)", FieldKind.Json)],
        AutomationActions.Cancel => [new("cancelation_token", "Cancelation token", FieldKind.Text)],
        AutomationActions.FetchData => [new("webhook.method", "Method", FieldKind.Choice, Methods), new("webhook.url", "URL", FieldKind.Text),
            new("webhook.body", "Body", FieldKind.Text), new("webhook.headers", "Headers (JSON)", FieldKind.Json), new("merge_strategy", "Merge strategy", FieldKind.Choice, MergeStrategy.All)],
        AutomationActions.Invoke => [new("template", "Automation template", FieldKind.Text)],
        _ => [],
    };
}
