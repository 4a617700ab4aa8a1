using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace NotificationOps.Engine.Templates;

/// <summary>The differences between two versions' content, per field, by lines (DiffPlex).</summary>
public static class TemplateDiff
{
    public static IReadOnlyList<TemplateFieldDiff> Compare(TemplateContent older, TemplateContent newer)
    {
        var before = Compared(older);
        var after = Compared(newer);
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

    /// <summary>
    /// The templated fields and the subscription topic: not templated, but a change of it alone is a new version (a
    /// draft whose only change was its topic used to be dropped as "no change").
    /// </summary>
    private static Dictionary<string, string> Compared(TemplateContent content)
    {
        var fields = content.Fields().ToDictionary(f => f.Field, f => f.Source);
        if (!string.IsNullOrEmpty(content.SubscriptionTopicId))
        {
            fields[TopicField] = content.SubscriptionTopicId;
        }

        return fields;
    }

    private const string TopicField = "subscription_topic_id";

    private static int Order(string field)
    {
        var index = Array.IndexOf(TemplateContent.FieldOrder, field);
        return index < 0 ? int.MaxValue : index;
    }
}
