using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Checks an automation's steps before anything is stored: an unknown action, a missing required field, an
/// unreadable duration, an <c>if</c> that does not parse or a cancel without token is refused with the step's
/// index and field (<c>automation.steps[2].duration</c>).
/// </summary>
public static partial class AutomationStepsParser
{
    public const int MaxSteps = 100;

    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static JsonArray Parse(JsonNode? steps, string field)
    {
        if (steps is not JsonArray array)
        {
            throw Bad(field, $"'{field}' is required and must be an array of steps.");
        }

        if (array.Count == 0 || array.Count > MaxSteps)
        {
            throw Bad(field, $"'{field}' must hold between 1 and {MaxSteps} steps.");
        }

        for (var i = 0; i < array.Count; i++)
        {
            Check(array[i], $"{field}[{i}]");
        }

        return (JsonArray)array.DeepClone();
    }

    private static void Check(JsonNode? node, string field)
    {
        if (node is not JsonObject step)
        {
            throw Bad(field, $"'{field}' must be an object with an 'action'.");
        }

        var action = Text(step, "action", field) ?? throw Bad($"{field}.action", $"'{field}.action' is required ({string.Join(", ", AutomationActions.All)}).");
        if (!AutomationActions.All.Contains(action))
        {
            throw Bad($"{field}.action", $"Unknown action '{action}' (known: {string.Join(", ", AutomationActions.All)}).");
        }

        if (Text(step, "if", field) is { } condition && AutomationCondition.ParseError(condition) is { } error)
        {
            throw Bad($"{field}.if", $"'{field}.if' does not parse as JavaScript: {error}");
        }

        if (Text(step, "ref", field) is { } name && !RefName().IsMatch(name))
        {
            throw Bad($"{field}.ref", $"'{field}.ref' must be a name (letters, digits, _), read later as refs.<name>.");
        }

        switch (action)
        {
            case AutomationActions.Delay:
                CheckDelay(step, field);
                break;
            case AutomationActions.Send:
                Text(step, "recipient", field);
                Text(step, "template", field);
                Text(step, "brand", field);
                ObjectOrNull(step, "data", field);
                ObjectOrNull(step, "profile", field);
                break;
            case AutomationActions.SendList:
                if (string.IsNullOrWhiteSpace(Text(step, "list", field)))
                {
                    throw Bad($"{field}.list", $"'{field}.list' is required: the id of the list to send to.");
                }

                Text(step, "template", field);
                Text(step, "brand", field);
                ObjectOrNull(step, "data", field);
                break;
            case AutomationActions.UpdateProfile:
                if (ObjectOrNull(step, "profile", field) is null)
                {
                    throw Bad($"{field}.profile", $"'{field}.profile' is required: the keys to write.");
                }

                Strategy(step, "merge", field);
                Text(step, "recipient_id", field);
                break;
            case AutomationActions.Cancel:
                if (string.IsNullOrWhiteSpace(Text(step, "cancelation_token", field)))
                {
                    throw Bad($"{field}.cancelation_token", $"'{field}.cancelation_token' is required: the token of the runs to stop.");
                }

                break;
            case AutomationActions.FetchData:
                CheckWebhook(step, field);
                Strategy(step, "merge_strategy", field);
                break;
            case AutomationActions.Invoke:
                if (string.IsNullOrWhiteSpace(Text(step, "template", field)))
                {
                    throw Bad($"{field}.template", $"'{field}.template' is required: the automation template to invoke.");
                }

                break;
        }
    }

    private static void CheckDelay(JsonObject step, string field)
    {
        var duration = Text(step, "duration", field);
        var until = Text(step, "until", field);
        if ((duration is null) == (until is null))
        {
            throw Bad($"{field}.duration", $"A delay needs exactly one of '{field}.duration' (\"5 minutes\") and '{field}.until' (ISO 8601).");
        }

        if (duration is not null && AutomationDuration.Parse(duration) is null)
        {
            throw Bad($"{field}.duration", $"'{duration}' is not a duration: write it like \"30 seconds\", \"5 minutes\", \"2 hours\", \"1 day\" (at most a year).");
        }

        if (until is not null && ParseUntil(until) is null)
        {
            throw Bad($"{field}.until", $"'{until}' is not an ISO 8601 time with an offset, e.g. 2030-01-01T09:00:00Z.");
        }
    }

    /// <summary>An ISO 8601 time; one without an offset is read as UTC.</summary>
    public static DateTimeOffset? ParseUntil(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    private static void CheckWebhook(JsonObject step, string field)
    {
        if (step["webhook"] is not JsonObject webhook)
        {
            throw Bad($"{field}.webhook", $"'{field}.webhook' is required: {{\"method\": \"GET\", \"url\": \"https://...\"}}.");
        }

        var url = Text(webhook, "url", $"{field}.webhook");
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Bad($"{field}.webhook.url", $"'{field}.webhook.url' must be an absolute http or https URL.");
        }

        var method = Text(webhook, "method", $"{field}.webhook") ?? "GET";
        if (!HttpMethods.Contains(method.ToUpperInvariant()))
        {
            throw Bad($"{field}.webhook.method", $"'{field}.webhook.method' must be one of {string.Join(", ", HttpMethods)}.");
        }

        if (webhook["headers"] is JsonObject headers)
        {
            foreach (var (name, value) in headers)
            {
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                {
                    throw Bad($"{field}.webhook.headers.{name}", $"Header '{name}' must be a string.");
                }
            }
        }
        else if (webhook["headers"] is not null)
        {
            throw Bad($"{field}.webhook.headers", $"'{field}.webhook.headers' must be an object of strings.");
        }
    }

    private static void Strategy(JsonObject step, string name, string field)
    {
        if (Text(step, name, field) is { } strategy && !MergeStrategy.All.Contains(strategy))
        {
            throw Bad($"{field}.{name}", $"'{field}.{name}' must be one of {string.Join(", ", MergeStrategy.All)}.");
        }
    }

    private static string? Text(JsonObject obj, string name, string field)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw Bad($"{field}.{name}", $"'{field}.{name}' must be a string.");
        }

        return value.GetValue<string>();
    }

    private static JsonObject? ObjectOrNull(JsonObject obj, string name, string field) => obj[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Bad($"{field}.{name}", $"'{field}.{name}' must be an object."),
    };

    private static RequestValidationException Bad(string field, string message) => new(ValidationErrorKind.Invalid, field, message);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex RefName();
}
