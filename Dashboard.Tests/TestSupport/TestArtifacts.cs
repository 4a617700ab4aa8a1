namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>Where a failing browser test leaves its evidence: TestResults/artifacts (./test.sh keeps TestResults).</summary>
public static class TestArtifacts
{
    public static string PathFor(string name)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "TestResults", "artifacts");
        Directory.CreateDirectory(folder);
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        return Path.Combine(folder, safe);
    }
}
