using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// Sample data for a template's preview, made from the variables its content uses, so that a template opens with
/// every placeholder visible ("Your order [order] has shipped") rather than blank.
/// </summary>
public static partial class TemplateSampleData
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // A plain {{path}} or {{{path}}}: helpers take arguments, blocks start with #, / or ^, partials with >.
    [GeneratedRegex(@"\{\{\{?\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();

    // Any mustache's inside ("formatDate order.shipped_at \"d MMM\"", "#if (eq plan \"pro\")"), to find helper arguments.
    [GeneratedRegex(@"\{\{\{?\s*[#^]?([^{}]+?)\s*\}?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Mustache();

    // A helper call: its name, then its arguments up to the closing parenthesis or the end of the mustache.
    [GeneratedRegex(@"(?:^|\()\s*([A-Za-z_][\w-]*)\s+([^()]+)", RegexOptions.CultureInvariant)]
    private static partial Regex HelperCall();

    [GeneratedRegex(@"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Path();

    [GeneratedRegex(@"""[^""]*""|'[^']*'|\S+=\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Literal();

    private static readonly HashSet<string> NotPaths = ["else", "this", "true", "false", "null", "undefined"];

    // Blocks whose argument is a list or an object: a text sample would make them iterate characters or fail.
    private static readonly HashSet<string> ObjectBlocks = ["each", "with"];

    /// <summary>
    /// Values used as helper arguments ("( USD) shipped on ." is what a preview shows without them), each with a
    /// sample the helper can format: a date for formatDate, a number for formatNumber, a placeholder otherwise.
    /// </summary>
    private static IEnumerable<(string Path, JsonNode Value)> HelperArguments(string source)
    {
        foreach (Match mustache in Mustache().Matches(source))
        {
            foreach (Match call in HelperCall().Matches(mustache.Groups[1].Value))
            {
                var helper = call.Groups[1].Value;
                if (ObjectBlocks.Contains(helper))
                {
                    continue;
                }

                // Literals ("d MMM yyyy", 'de-DE') and hash arguments (key=value) are not paths.
                var arguments = Literal().Replace(call.Groups[2].Value, " ");
                foreach (var token in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (Path().IsMatch(token) && !NotPaths.Contains(token))
                    {
                        yield return (token, helper switch
                        {
                            "formatDate" => JsonValue.Create("2026-01-15T09:30:00Z"),
                            "formatNumber" => JsonValue.Create(1234.5),
                            _ => JsonValue.Create($"[{token}]"),
                        });
                    }
                }
            }
        }
    }

    /// <summary>The editor's sample: <c>{"data": {...}, "profile": {...}}</c>, indented.</summary>
    public static string For(TemplateContent content)
    {
        var data = new JsonObject { ["name"] = "Ada" };
        var profile = new JsonObject { ["email"] = "ada@example.com" };
        var paths = content.Fields()
            .SelectMany(f => Variable().Matches(f.Source).Select(m => m.Groups[1].Value))
            .Where(p => p is not ("else" or "this"))
            .Distinct(StringComparer.Ordinal);
        // Helper arguments first: a date the template also prints plainly must still be a date for formatDate.
        var values = content.Fields().SelectMany(f => HelperArguments(f.Source))
            .Concat(paths.Select(p => (Path: p, Value: (JsonNode)JsonValue.Create($"[{p}]"))));
        foreach (var (path, value) in values)
        {
            var parts = path.Split('.');
            var (root, rest) = parts[0] == "profile" && parts.Length > 1 ? (profile, parts[1..]) : (data, parts);
            Set(root, rest, value);
        }

        return new JsonObject { ["data"] = data, ["profile"] = profile }.ToJsonString(Indented);
    }

    private static void Set(JsonObject target, string[] parts, JsonNode value)
    {
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (target[parts[i]] is not JsonObject next)
            {
                // A value already there (say "name" and "name.first") wins; the deeper path stays blank.
                if (target.ContainsKey(parts[i]))
                {
                    return;
                }

                target[parts[i]] = next = new JsonObject();
            }

            target = next;
        }

        if (!target.ContainsKey(parts[^1]))
        {
            target[parts[^1]] = value;
        }
    }
}
