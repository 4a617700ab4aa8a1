using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Dashboard.Components.Pages.Automations;

/// <summary>
/// The automation editor: steps as cards (add, reorder, remove, each with its fields, <c>if</c> and <c>ref</c>) or as
/// JSON; every change is checked by the same parser the API uses, so an error names the step and field as you type.
/// </summary>
public partial class AutomationEditorPage
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private List<JsonObject> steps = [];
    private readonly Dictionary<(int, string), string> jsonTexts = [];
    private string name = string.Empty;
    private string? newId;
    private string? triggers;
    private string? token;
    private string json = "[]";
    private string? error;
    private bool jsonView;
    private bool isNew;
    private bool canEdit;
    private int publishedVersion;

    [Parameter]
    public string Id { get; set; } = string.Empty;

    [Inject]
    private AutomationTemplates Templates { get; set; } = default!;

    [Inject]
    private RoleGuard Guard { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        canEdit = await Guard.AllowsAsync(DashboardAction.Edit);
        isNew = Id == "new";
        var template = isNew ? null : await Templates.FindAsync(Id);
        name = template?.Name ?? (isNew ? string.Empty : Id);
        triggers = template?.TriggerEvents;
        token = template?.CancelationToken;
        publishedVersion = template?.PublishedVersion ?? 0;
        var stored = template is null ? null : JsonNode.Parse(template.DraftStepsJson) as JsonArray;
        steps = stored?.OfType<JsonObject>().Select(s => (JsonObject)s.DeepClone()).ToList()
            ?? [new JsonObject { ["action"] = AutomationActions.Delay, ["duration"] = "1 day" }];
        jsonTexts.Clear();
        Changed();
    }

    private static string? Text(JsonObject step, string path) => Node(step, path) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        null => null,
        var other => other.ToJsonString(),
    };

    private static JsonNode? Node(JsonObject step, string path)
    {
        JsonNode? node = step;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }

    private static void Set(JsonObject step, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = step;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject child)
            {
                child = new JsonObject();
                target[part] = child;
            }

            target = child;
        }

        if (value is null)
        {
            target.Remove(parts[^1]);
        }
        else
        {
            target[parts[^1]] = value;
        }
    }

    private void SetText(int index, string path, string? value)
    {
        Set(steps[index], path, string.IsNullOrEmpty(value) ? null : JsonValue.Create(value));
        Changed();
    }

    private string? JsonText(int index, string path) =>
        jsonTexts.TryGetValue((index, path), out var text) ? text : Node(steps[index], path)?.ToJsonString();

    private void SetJson(int index, string path, string? value)
    {
        jsonTexts[(index, path)] = value ?? string.Empty;
        if (string.IsNullOrWhiteSpace(value))
        {
            Set(steps[index], path, null);
            Changed();
            return;
        }

        try
        {
            Set(steps[index], path, JsonNode.Parse(value));
            Changed();
        }
        catch (JsonException ex)
        {
            error = $"steps[{index}].{path}: not JSON ({ex.Message})";
        }
    }

    private void SetAction(int index, string action)
    {
        // A new action keeps what both have in common (if, ref), not fields the new one does not know.
        var old = steps[index];
        var step = new JsonObject { ["action"] = action };
        foreach (var key in new[] { "if", "ref" })
        {
            if (old[key] is { } value)
            {
                step[key] = value.DeepClone();
            }
        }

        steps[index] = step;
        ClearJsonTexts();
        Changed();
    }

    private void Add()
    {
        steps.Add(new JsonObject { ["action"] = AutomationActions.Send });
        Changed();
    }

    private void Move(int index, int by)
    {
        (steps[index], steps[index + by]) = (steps[index + by], steps[index]);
        ClearJsonTexts();
        Changed();
    }

    private void Remove(int index)
    {
        steps.RemoveAt(index);
        ClearJsonTexts();
        Changed();
    }

    private void ClearJsonTexts() => jsonTexts.Clear();

    private void JsonChanged(string? value)
    {
        json = value ?? string.Empty;
        try
        {
            if (JsonNode.Parse(json) is not JsonArray array || array.Any(s => s is not JsonObject))
            {
                error = "The JSON must be an array of step objects.";
                return;
            }

            steps = array.Select(s => (JsonObject)s!.DeepClone()).ToList();
            ClearJsonTexts();
            Validate();
        }
        catch (JsonException ex)
        {
            error = $"Not JSON: {ex.Message}";
        }
    }

    private void Changed()
    {
        json = new JsonArray(steps.Select(s => (JsonNode)s.DeepClone()).ToArray()).ToJsonString(Indented);
        Validate();
    }

    /// <summary>The API's own check: the error names the step index and field, as the API's 400 would.</summary>
    private JsonArray? Validate()
    {
        try
        {
            var parsed = AutomationStepsParser.Parse(new JsonArray(steps.Select(s => (JsonNode)s.DeepClone()).ToArray()), "steps");
            error = null;
            return parsed;
        }
        catch (RequestValidationException ex)
        {
            error = $"{ex.Field}: {ex.Message}";
            return null;
        }
    }

    private async Task<bool> SaveAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit) || Validate() is not { } parsed)
        {
            return false;
        }

        var id = isNew ? newId?.Trim() : Id;
        if (string.IsNullOrEmpty(id))
        {
            error = "id: give the automation an id.";
            return false;
        }

        var events = (triggers ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        try
        {
            await Templates.SaveDraftAsync(id, string.IsNullOrWhiteSpace(name) ? id : name.Trim(), parsed, events, string.IsNullOrWhiteSpace(token) ? null : token.Trim());
        }
        catch (RequestValidationException ex)
        {
            error = $"{ex.Field}: {ex.Message}";
            return false;
        }

        Snackbar.Add("Draft saved.", Severity.Success);
        if (isNew)
        {
            Navigation.NavigateTo($"/automations/templates/{Uri.EscapeDataString(id)}");
        }

        return true;
    }

    private async Task PublishAsync()
    {
        if (!await SaveAsync())
        {
            return;
        }

        var id = isNew ? newId!.Trim() : Id;
        var published = await Templates.PublishAsync(id);
        publishedVersion = published?.PublishedVersion ?? publishedVersion;
        Snackbar.Add($"Published v{publishedVersion}: new runs start from it.", Severity.Success);
    }
}
