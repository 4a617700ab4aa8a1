namespace NotificationOps.Dashboard.Components.Pages.Audiences;

/// <summary>Every condition operator of Courier's audiences, in the editor's words.</summary>
public static class FilterOperators
{
    public static readonly IReadOnlyList<(string Operator, string Label)> All =
    [
        ("EQ", "equals"),
        ("NEQ", "does not equal"),
        ("GT", "greater than"),
        ("GTE", "greater than or equal"),
        ("LT", "less than"),
        ("LTE", "less than or equal"),
        ("EXISTS", "exists"),
        ("INCLUDES", "includes"),
        ("OMIT", "does not include"),
        ("STARTS_WITH", "starts with"),
        ("ENDS_WITH", "ends with"),
        ("IS_BEFORE", "is before (date)"),
        ("IS_AFTER", "is after (date)"),
        ("MEMBER_OF", "is subscribed to list"),
    ];

    public static string ValueLabel(string op) => op switch
    {
        "MEMBER_OF" => "List id",
        "IS_BEFORE" or "IS_AFTER" => "Date (ISO 8601)",
        "INCLUDES" or "OMIT" => "Value, or [\"a\",\"b\"] for any of",
        _ => "Value",
    };
}
