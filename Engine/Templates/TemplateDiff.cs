using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace NotificationOps.Engine.Templates;

/// <summary>The differences between two versions' content, per field, by lines (DiffPlex).</summary>
public static class TemplateDiff
{
    public static IReadOnlyList<TemplateFieldDiff> Compare(TemplateContent older, TemplateContent newer)
    {
        var before = older.Fields().ToDictionary(f => f.Field, f => f.Source);
        var after = newer.Fields().ToDictionary(f => f.Field, f => f.Source);
        var builder = new InlineDiffBuilder(new Differ());
        var fields = before.Keys.Union(after.Keys).OrderBy(Order).ToList();
        var diffs = new List<TemplateFieldDiff>();
        foreach (var field in fields)
        {
            var a = before.GetValueOrDefault(field) ?? string.Empty;
            var b = after.GetValueOrDefault(field) ?? string.Empty;
            if (a == b)
            {
                continue;
            }

            var lines = builder.BuildDiffModel(a, b, ignoreWhitespace: false).Lines
                .Select(l => new TemplateDiffLine(l.Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' }, l.Text))
                .ToList();
            diffs.Add(new TemplateFieldDiff(field, lines));
        }

        return diffs;
    }

    private static int Order(string field)
    {
        var index = Array.IndexOf(TemplateContent.FieldOrder, field);
        return index < 0 ? int.MaxValue : index;
    }
}
