using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Courier's invoke bodies: ad-hoc <c>{automation: {steps, cancelation_token}, recipient, data, profile, template, brand}</c>
/// and by template <c>{recipient, data, profile, template, brand}</c>. Refusals name the field; nothing is stored.
/// </summary>
public static class AutomationInvokeParser
{
    public static AutomationInvocation ParseAdHoc(JsonNode? body)
    {
        var root = Root(body);
        if (root["automation"] is not JsonObject automation)
        {
            throw Bad("automation", "'automation' is required: {\"steps\": [...], \"cancelation_token\": ...}.");
        }

        var steps = AutomationStepsParser.Parse(automation["steps"], "automation.steps");
        return Common(root) with { Steps = steps, CancelationToken = Text(automation, "cancelation_token", "automation.cancelation_token") };
    }

    /// <summary>The run's values for a template's steps (<paramref name="template"/> from <see cref="AutomationTemplates"/>).</summary>
    public static AutomationInvocation ParseByTemplate(JsonNode? body, AutomationInvocation template)
    {
        var common = Common(Root(body));
        return template with
        {
            Recipient = common.Recipient,
            Data = common.Data,
            Profile = common.Profile,
            MessageTemplate = common.MessageTemplate,
            Brand = common.Brand,
        };
    }

    private static AutomationInvocation Common(JsonObject root) => new()
    {
        Steps = [],
        Recipient = Text(root, "recipient", "recipient"),
        Data = ObjectOrEmpty(root, "data"),
        Profile = ObjectOrEmpty(root, "profile"),
        MessageTemplate = Text(root, "template", "template"),
        Brand = Text(root, "brand", "brand"),
    };

    private static JsonObject Root(JsonNode? body) =>
        body as JsonObject ?? throw Bad("body", "The body must be a JSON object.");

    private static JsonObject ObjectOrEmpty(JsonObject root, string name) => root[name] switch
    {
        null => new JsonObject(),
        JsonObject o => (JsonObject)o.DeepClone(),
        _ => throw Bad(name, $"'{name}' must be an object."),
    };

    private static string? Text(JsonObject obj, string name, string field) => obj[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw Bad(field, $"'{field}' must be a string."),
    };

    private static RequestValidationException Bad(string field, string message) => new(ValidationErrorKind.Invalid, field, message);
}
