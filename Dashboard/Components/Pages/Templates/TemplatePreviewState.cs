using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Http;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Dashboard.Components.Pages.Templates;

/// <summary>
/// The template editor's live preview: the sample data it renders with (parsed from the JSON the user edits), the
/// rendered channels, and the errors by field shown at the editors (a render error, push data that is not a JSON
/// object, a publish refused). Kept apart from <see cref="TemplateEditorPage"/>, which holds the edited content and
/// the save, publish and test-send actions.
/// </summary>
internal sealed class TemplatePreviewState
{
    private bool sampleEdited;
    private Dictionary<string, TemplateRenderException> errors = [];
    private TemplateRenderException? pushDataError;

    public string SampleJson { get; private set; } = TemplateSampleData.For(TemplateContent.Empty);

    public JsonObject? SampleData { get; private set; }

    public JsonObject? SampleProfile { get; private set; }

    public string? SampleError { get; private set; }

    public IReadOnlyList<ChannelPreview> Channels { get; private set; } = [];

    /// <summary>The push data as typed is not a JSON object: the draft is not saved until it is.</summary>
    public bool PushDataInvalid => pushDataError is not null;

    /// <summary>A (re)loaded template: its sample data, unless the user has written their own.</summary>
    public void Loaded(TemplateDetails? loaded)
    {
        if (!sampleEdited && loaded is not null)
        {
            SampleJson = TemplateSampleData.For(loaded.Content);
        }

        ParseSample();
    }

    public void SampleChanged(string value)
    {
        SampleJson = value;
        sampleEdited = true;
        ParseSample();
    }

    public void Render(ContentRenderer renderer, TemplateContent content, Brand brand)
    {
        Channels = renderer.Preview(content, SampleData, SampleProfile, brand);
        errors = Channels.Where(p => p.Error is not null).ToDictionary(p => p.Error!.Field, p => p.Error!);
        if (pushDataError is { } dataError)
        {
            errors["push.data"] = dataError;
        }
    }

    /// <summary>
    /// Reads the push data as typed: true with the object (null when empty), or false with the error shown at the
    /// editor, where the content keeps its last valid data.
    /// </summary>
    public bool TryParsePushData(string value, out JsonObject? data)
    {
        pushDataError = null;
        data = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        try
        {
            data = JsonNode.Parse(value) as JsonObject ?? throw new JsonException("The data must be a JSON object.");
            return true;
        }
        catch (JsonException ex)
        {
            pushDataError = new TemplateRenderException("push.data", (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, ex.Message.Split(" Path:", 2)[0]);
            return false;
        }
    }

    /// <summary>An error found elsewhere (publish renders every channel again) shown at its field.</summary>
    public void Add(TemplateRenderException error) => errors[error.Field] = error;

    public TemplateRenderException? ErrorOf(string field) => errors.GetValueOrDefault(field);

    public string? ErrorText(string field) => ErrorOf(field) is { } e ? $"Column {e.Column}: {e.Problem}" : null;

    private void ParseSample()
    {
        try
        {
            var root = JsonNode.Parse(SampleJson) as JsonObject ?? throw new JsonException("Write a JSON object: {\"data\": {...}, \"profile\": {...}}.");
            SampleData = root["data"] as JsonObject;
            SampleProfile = root["profile"] as JsonObject;
            SampleError = null;
        }
        catch (JsonException ex)
        {
            SampleError = $"Sample data is not valid JSON: {JsonErrorText.Of(ex)}";
        }
    }
}
