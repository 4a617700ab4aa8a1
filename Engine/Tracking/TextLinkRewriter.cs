using System.Text.RegularExpressions;

namespace NotificationOps.Engine.Tracking;

/// <summary>Rewrites the http(s) URLs of a plain-text body (email text part, SMS, chat, push).</summary>
public static partial class TextLinkRewriter
{
    // Plain text has no markup to parse: a URL runs to the next space or bracket; trailing punctuation belongs
    // to the sentence, not the link.
    [GeneratedRegex(@"https?://[^\s<>""'()\[\]{}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    public static IReadOnlyList<string> FindUrls(string text) =>
        UrlPattern().Matches(text).Select(m => Trim(m.Value)).Where(IsAbsolute).ToList();

    /// <summary>Replaces the n-th URL with <paramref name="replacement"/>(n, url).</summary>
    public static string Rewrite(string text, Func<int, string, string> replacement)
    {
        var position = 0;
        return UrlPattern().Replace(text, match =>
        {
            var url = Trim(match.Value);
            if (!IsAbsolute(url))
            {
                return match.Value;
            }

            return replacement(position++, url) + match.Value[url.Length..];
        });
    }

    private static string Trim(string url) => url.TrimEnd('.', ',', ';', ':', '!', '?');

    private static bool IsAbsolute(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
