using System.Text.RegularExpressions;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Components.Shared;

/// <summary>
/// Every time on every page goes through one component (<c>Timestamp</c>, or <c>UserTimeZone</c> inside a sentence):
/// the server's zone (<c>ToLocalTime</c>) or a hand-written date pattern shows a time in a shape, or a zone, of its own.
/// A page added later is checked without touching this test.
/// </summary>
public sealed partial class OneTimestampTests
{
    // Where a time is allowed to be formatted by hand: the component itself, the zone it formats with, and the
    // export's file name (a name on disk, not a time on a page).
    private static readonly string[] Allowed = ["Shared/Timestamp.razor", "Shared/UserTimeZone.cs", "EventLog/EventLogExportEndpoint.cs"];

    [Fact]
    public void DashboardSources_FormatNoTimeOutsideTheTimestampComponent()
    {
        var components = Path.Combine(RepositoryRoot.Path, "Dashboard", "Components");
        var offenders = Directory.EnumerateFiles(components, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !Allowed.Any(a => f.Replace('\\', '/').EndsWith(a, StringComparison.Ordinal)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(components, f), Line: i + 1, Text: line)))
            .Where(l => HandFormattedTime().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Times formatted outside Timestamp:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void HandFormattedTime_IsFound_InTheShapesPagesUsedToHave()
    {
        Assert.Matches(HandFormattedTime(), """@run.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss")""");
        Assert.Matches(HandFormattedTime(), """started @Incident.StartedAt.ToString("yyyy-MM-dd HH:mm") UTC""");
        Assert.Matches(HandFormattedTime(), """$"{day.Date:yyyy-MM-dd}: no incidents" """);
        Assert.DoesNotMatch(HandFormattedTime(), """<Timestamp Value="run.CreatedAt" />""");
    }

    // ToLocalTime (the server's zone), or a pattern with a year or hours: "yyyy-MM-dd", "HH:mm", {x:yyyy-MM-dd}.
    [GeneratedRegex(@"ToLocalTime\(\)|[""':](yyyy|HH:mm)")]
    private static partial Regex HandFormattedTime();
}
