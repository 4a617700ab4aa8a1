using System.Text;
using AngleSharp.Html.Parser;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// Rewrites the <c>href</c> of every trackable link of an HTML document. AngleSharp finds the links (a real HTML
/// parser: nesting, tables, entities, misnested tags); the output is the source text with only those attribute
/// values replaced, because re-serialising the DOM would normalise markup the sender chose (entities, quoting,
/// case, optional tags) — mail clients render such differences differently.
/// </summary>
public static class HtmlLinkRewriter
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    /// <summary>Links that are tracked: absolute http(s), not opted out with <c>data-track="false"</c>.</summary>
    public static IReadOnlyList<HtmlLink> FindLinks(string html) => Locate(html).Select(l => l.Link).ToList();

    /// <param name="html">The document as rendered.</param>
    /// <param name="replacement">The new URL for a link.</param>
    /// <param name="beforeBodyEnd">Markup to add just before <c>&lt;/body&gt;</c> (or at the end): the pixel, the honeypot.</param>
    public static string Rewrite(string html, Func<HtmlLink, string> replacement, string? beforeBodyEnd = null)
    {
        var output = new StringBuilder(html.Length + 256);
        var copied = 0;
        foreach (var (link, span) in Locate(html))
        {
            output.Append(html, copied, span.Start - copied);
            var value = EscapeAttribute(replacement(link));
            output.Append(span.Quoted ? value : $"\"{value}\"");
            copied = span.Start + span.Length;
        }

        output.Append(html, copied, html.Length - copied);
        if (!string.IsNullOrEmpty(beforeBodyEnd))
        {
            var end = output.ToString().LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
            output.Insert(end >= 0 ? end : output.Length, beforeBodyEnd);
        }

        return output.ToString();
    }

    public static string EscapeAttribute(string value) => value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static List<(HtmlLink Link, ValueSpan Span)> Locate(string html)
    {
        var document = Parser.ParseDocument(html);
        var found = new List<(HtmlLink, ValueSpan)>();
        var seen = new HashSet<int>();
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            // Elements the parser cloned to repair misnesting have no source of their own: the original counts.
            if (anchor.SourceReference?.Position.Index is not { } start || !seen.Add(start))
            {
                continue;
            }

            var href = anchor.GetAttribute("href")!.Trim();
            if (string.Equals(anchor.GetAttribute("data-track"), "false", StringComparison.OrdinalIgnoreCase)
                || !Uri.TryCreate(href, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")
                || FindHref(html, start) is not { } span)
            {
                continue;
            }

            found.Add((new HtmlLink(found.Count, href, Collapse(anchor.TextContent)), span));
        }

        return found;
    }

    /// <summary>The value of the first href attribute of the start tag at <paramref name="tagStart"/>, as written in the source.</summary>
    private static ValueSpan? FindHref(string html, int tagStart)
    {
        if (tagStart >= html.Length || html[tagStart] != '<')
        {
            return null;
        }

        var i = tagStart + 1;
        while (i < html.Length && !IsSpace(html[i]) && html[i] is not ('/' or '>'))
        {
            i++;
        }

        while (i < html.Length)
        {
            while (i < html.Length && (IsSpace(html[i]) || html[i] == '/'))
            {
                i++;
            }

            if (i >= html.Length || html[i] == '>')
            {
                return null;
            }

            var nameStart = i;
            i++; // a name may begin with '=' (the tokenizer's rule); it never ends there
            while (i < html.Length && !IsSpace(html[i]) && html[i] is not ('/' or '>' or '='))
            {
                i++;
            }

            var isHref = html.AsSpan(nameStart, i - nameStart).Equals("href", StringComparison.OrdinalIgnoreCase);
            var afterName = i;
            while (i < html.Length && IsSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length || html[i] != '=')
            {
                i = afterName; // an attribute without a value
                continue;
            }

            i++;
            while (i < html.Length && IsSpace(html[i]))
            {
                i++;
            }

            ValueSpan span;
            if (i < html.Length && html[i] is '"' or '\'')
            {
                var close = html.IndexOf(html[i], i + 1);
                if (close < 0)
                {
                    return null;
                }

                span = new ValueSpan(i + 1, close - i - 1, Quoted: true);
                i = close + 1;
            }
            else
            {
                var valueStart = i;
                while (i < html.Length && !IsSpace(html[i]) && html[i] != '>')
                {
                    i++;
                }

                span = new ValueSpan(valueStart, i - valueStart, Quoted: false);
            }

            if (isHref)
            {
                return span; // the first of duplicated attributes is the one that counts, as for the parser
            }
        }

        return null;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    private static string Collapse(string text)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= 200 ? collapsed : collapsed[..200];
    }

    private readonly record struct ValueSpan(int Start, int Length, bool Quoted);
}
