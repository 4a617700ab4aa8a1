using System.Text.RegularExpressions;

namespace NotificationOps.Dashboard.Components.Pages.Messages;

/// <summary>
/// A Content-Security-Policy for the rendered message in the operator's viewer: nothing is fetched (no tracking
/// pixel, no remote image, no font), inline styles still apply so the message looks as designed.
/// </summary>
public static partial class RenderedHtmlPolicy
{
    public const string Meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'none'; style-src 'unsafe-inline'\">";

    [GeneratedRegex("<head(\\s[^>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadStart();

    /// <summary>The policy first in the document's head (a policy only governs what is parsed after it), else first of all.</summary>
    public static string Apply(string html)
    {
        var head = HeadStart().Match(html);
        return head.Success ? html.Insert(head.Index + head.Length, Meta) : Meta + html;
    }
}
