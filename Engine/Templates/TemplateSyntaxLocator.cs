using System.Text.RegularExpressions;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// Finds where a Handlebars error is. Handlebars.Net's compiler exceptions carry no position (its parser's give
/// one in the message only, and not always the right one), so the source is scanned for what they complain about:
/// an unclosed <c>{{</c>, a block closed without being opened or with another name, a block never closed, a
/// named partial or helper.
/// </summary>
public static partial class TemplateSyntaxLocator
{
    public static (int Line, int Column) Locate(string source, string error)
    {
        var opened = new Stack<(string Name, int Index)>();
        var index = 0;
        while ((index = source.IndexOf("{{", index, StringComparison.Ordinal)) >= 0)
        {
            var end = source.IndexOf("}}", index + 2, StringComparison.Ordinal);
            var next = source.IndexOf("{{", index + 2, StringComparison.Ordinal);
            if (end < 0 || (next >= 0 && next < end && !source.AsSpan(index).StartsWith("{{{")))
            {
                return Position(source, index); // never closed before the next tag or the end
            }

            var tag = source[(index + 2)..end].Trim('{', '}', '~', ' ', '\t', '\r', '\n');
            if (tag.StartsWith('#') || (tag.StartsWith('^') && tag.Length > 1))
            {
                var name = FirstWord(tag[1..]);
                if (name.Length == 0)
                {
                    return Position(source, index);
                }

                opened.Push((name, index));
            }
            else if (tag.StartsWith('/'))
            {
                var name = FirstWord(tag[1..]);
                if (opened.Count == 0 || opened.Peek().Name != name)
                {
                    return Position(source, index);
                }

                opened.Pop();
            }
            else if (tag.StartsWith('>') && error.Contains($"'{FirstWord(tag[1..])}'", StringComparison.Ordinal))
            {
                return Position(source, index); // the partial the error names
            }
            else if (!tag.StartsWith('!') && FirstWord(tag) is { Length: > 0 } word
                && (error.Contains($"'{word}'", StringComparison.Ordinal) || error.StartsWith($"{word}:", StringComparison.Ordinal)))
            {
                return Position(source, index); // the helper or value the error names (our helpers start with their name)
            }

            index = end + 2;
        }

        if (opened.Count > 0)
        {
            return Position(source, opened.Peek().Index);
        }

        // The parser says "Occured at: line:column" for some errors; better than nothing.
        var reported = ReportedPosition().Match(error);
        return reported.Success ? (int.Parse(reported.Groups[1].Value), int.Parse(reported.Groups[2].Value)) : (1, 1);
    }

    /// <summary>1-based line and column of a character index.</summary>
    public static (int Line, int Column) Position(string source, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    private static string FirstWord(string text)
    {
        var trimmed = text.TrimStart();
        var end = trimmed.IndexOfAny([' ', '\t', '\r', '\n', '}', ')']);
        return end < 0 ? trimmed : trimmed[..end];
    }

    [GeneratedRegex(@"Occured at: ?(\d+):(\d+)")]
    private static partial Regex ReportedPosition();
}
