using Bunit;
using MudBlazor;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>How a refused handler call shows itself: the guard's snackbar, and no dialog opened.</summary>
public static class Refusal
{
    /// <summary>Asserts the refusal snackbar was shown exactly when the call was refused.</summary>
    public static void AssertShown(ISnackbar snackbar, bool refused)
    {
        var shown = snackbar.ShownSnackbars.Any(s => s.Message?.StartsWith("Refused:", StringComparison.Ordinal) == true);
        Assert.Equal(refused, shown);
    }

    /// <summary>Asserts that no dialog is open (a refused handler stops before asking anything).</summary>
    public static void AssertNoDialog(IRenderedComponent<MudDialogProvider> dialogs) =>
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
}
