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

    /// <summary>The editor's sample: <c>{"data": {...}, "profile": {...}}</c>, indented.</summary>
    public static string For(TemplateContent content)
    {
        var data = new JsonObject { ["name"] = "Ada" };
        var profile = new JsonObject { ["email"] = "ada@example.com" };
        var paths = content.Fields()
            .SelectMany(f => Variable().Matches(f.Source).Select(m => m.Groups[1].Value))
            .Where(p => p is not ("else" or "this"))
            .Distinct(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var parts = path.Split('.');
            var (root, rest) = parts[0] == "profile" && parts.Length > 1 ? (profile, parts[1..]) : (data, parts);
            Set(root, rest, $"[{path}]");
        }

        return new JsonObject { ["data"] = data, ["profile"] = profile }.ToJsonString(Indented);
    }

    private static void Set(JsonObject target, string[] parts, string value)
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
