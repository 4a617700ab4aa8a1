using System.Text.Json;

namespace NotificationOps.Engine.Http;

/// <summary>
/// A JSON syntax error in words a person can act on: "line 1, column 10: …". System.Text.Json's own message ends
/// in "LineNumber: 0 | BytePositionInLine: 9." — zero-based, which points one line and column before the mistake.
/// </summary>
public static class JsonErrorText
{
    public static string Of(JsonException ex)
    {
        var problem = ex.Message;
        foreach (var tail in new[] { " Path:", " LineNumber:", " | LineNumber:" })
        {
            var at = problem.IndexOf(tail, StringComparison.Ordinal);
            if (at >= 0)
            {
                problem = problem[..at];
            }
        }

        problem = problem.Trim();
        return ex.LineNumber is { } line
            ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {problem}"
            : problem;
    }
}
