using System.Globalization;
using HandlebarsDotNet;

namespace NotificationOps.Engine.Templates;

/// <summary>
/// The helpers every template can use, beyond Handlebars' own <c>if</c>, <c>unless</c>, <c>each</c>, <c>with</c>:
/// <c>{{formatDate d "d MMM yyyy"}}</c>, <c>{{formatNumber n "N2" "de-DE"}}</c>, <c>{{default v "fallback"}}</c>,
/// and comparisons for conditionals: <c>{{#if (eq plan "pro")}}</c> with eq, ne, gt, gte, lt, lte, and, or, not.
/// </summary>
public static class TemplateHelpers
{
    public static void Register(IHandlebars handlebars)
    {
        handlebars.RegisterHelper("formatDate", (context, arguments) => FormatDate(Arg(arguments, 0), Arg(arguments, 1) as string, Arg(arguments, 2) as string));
        handlebars.RegisterHelper("formatNumber", (context, arguments) => FormatNumber(Arg(arguments, 0), Arg(arguments, 1) as string, Arg(arguments, 2) as string));
        handlebars.RegisterHelper("default", (context, arguments) => IsBlank(Arg(arguments, 0)) ? Arg(arguments, 1) : Arg(arguments, 0));
        handlebars.RegisterHelper("eq", (context, arguments) => Compare(Arg(arguments, 0), Arg(arguments, 1)) == 0);
        handlebars.RegisterHelper("ne", (context, arguments) => Compare(Arg(arguments, 0), Arg(arguments, 1)) != 0);
        handlebars.RegisterHelper("gt", (context, arguments) => Compare(Arg(arguments, 0), Arg(arguments, 1)) > 0);
        handlebars.RegisterHelper("gte", (context, arguments) => Compare(Arg(arguments, 0), Arg(arguments, 1)) >= 0);
        handlebars.RegisterHelper("lt", (context, arguments) => Compare(Arg(arguments, 0), Arg(arguments, 1)) < 0);
        handlebars.RegisterHelper("lte", (context, arguments) => Compare(Arg(arguments, 0), Arg(arguments, 1)) <= 0);
        handlebars.RegisterHelper("and", (context, arguments) => Enumerable.Range(0, arguments.Length).All(i => Truthy(Arg(arguments, i))));
        handlebars.RegisterHelper("or", (context, arguments) => Enumerable.Range(0, arguments.Length).Any(i => Truthy(Arg(arguments, i))));
        handlebars.RegisterHelper("not", (context, arguments) => !Truthy(Arg(arguments, 0)));
    }

    /// <summary>A missing variable is null here, not Handlebars' "undefined" marker.</summary>
    private static object? Arg(Arguments arguments, int index) =>
        index < arguments.Length && arguments[index] is { } value && value is not UndefinedBindingResult ? value : null;

    private static bool IsBlank(object? value) => value is null || (value is string s && s.Length == 0);

    private static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        double d => d != 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    private static int Compare(object? left, object? right)
    {
        if (ToNumber(left) is { } l && ToNumber(right) is { } r)
        {
            return l.CompareTo(r);
        }

        return string.CompareOrdinal(Text(left), Text(right));
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static double? ToNumber(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        decimal m => (double)m,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static CultureInfo Culture(string? name, string helper)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return CultureInfo.InvariantCulture;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            throw new HandlebarsRuntimeException($"{helper}: unknown culture '{name}' (use a name like \"en-US\").");
        }
    }

    /// <summary>An ISO 8601 string or Unix seconds, formatted; empty when missing, the value as is when not a date.</summary>
    private static string FormatDate(object? value, string? format, string? culture)
    {
        DateTimeOffset? date = value switch
        {
            string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
            long seconds => DateTimeOffset.FromUnixTimeSeconds(seconds),
            double seconds => DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)),
            _ => null,
        };
        if (date is null)
        {
            return Text(value) ?? string.Empty;
        }

        try
        {
            return date.Value.ToString(string.IsNullOrEmpty(format) ? "yyyy-MM-dd" : format, Culture(culture, "formatDate"));
        }
        catch (FormatException)
        {
            throw new HandlebarsRuntimeException($"formatDate: '{format}' is not a date format (try \"yyyy-MM-dd HH:mm\" or \"d MMMM yyyy\").");
        }
    }

    private static string FormatNumber(object? value, string? format, string? culture)
    {
        if (ToNumber(value) is not { } number)
        {
            return Text(value) ?? string.Empty;
        }

        try
        {
            return number.ToString(string.IsNullOrEmpty(format) ? "N0" : format, Culture(culture, "formatNumber"));
        }
        catch (FormatException)
        {
            throw new HandlebarsRuntimeException($"formatNumber: '{format}' is not a number format (try \"N2\", \"C\" or \"0.00\").");
        }
    }
}
