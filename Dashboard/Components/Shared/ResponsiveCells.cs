namespace NotificationOps.Dashboard.Components.Shared;

/// <summary>
/// Grid cells that fold into cards on a phone (MudDataGrid's and MudTable's mobile layout): an empty value hides its
/// whole labelled line there instead of showing "Tags" with nothing beside it. Use as a column's CellClassFunc.
/// </summary>
public static class ResponsiveCells
{
    public const string EmptyClass = "cell-empty";

    public static string HideWhenEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? EmptyClass : string.Empty;

    public static string HideWhenEmpty(object? value) => value is null ? EmptyClass : HideWhenEmpty(value.ToString());
}
