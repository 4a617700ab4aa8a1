using MudBlazor;
using NotificationOps.Dashboard.Components.Shared;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Dashboard.Components.Pages.Templates;

/// <summary>
/// The question <see cref="TemplateEditorPage"/> asks before publishing, kept apart from the page: it reads the
/// template's versions and builds a diff the editor has no other use for.
/// </summary>
internal static class TemplatePublishConfirmation
{
    /// <summary>Publish shows what goes live: the saved draft against the published version, field by field.</summary>
    public static async Task<bool> AskAsync(IDialogService dialogs, TemplateService templates, Template template)
    {
        var versions = await templates.VersionsAsync(template.Id) ?? [];
        var latest = versions.FirstOrDefault(v => v.Number == template.LatestVersion);
        var published = versions.FirstOrDefault(v => v.Number == template.PublishedVersion);
        var diff = latest is null ? [] : TemplateDiff.Compare(
            published is null ? TemplateContent.Empty : TemplateContent.FromJson(published.ContentJson), TemplateContent.FromJson(latest.ContentJson));
        var message = published is null
            ? $"Publish version {template.LatestVersion}? Nothing is published yet; sends by alias will use it from now on."
            : $"Publish version {template.LatestVersion} in place of version {template.PublishedVersion}? Sends by alias use it from now on. What changes:";
        return await ConfirmDialog.AskAsync(dialogs, "Publish", message, "Publish",
            builder =>
            {
                builder.OpenComponent<TemplateDiffView>(0);
                builder.AddComponentParameter(1, nameof(TemplateDiffView.Diff), diff);
                builder.AddComponentParameter(2, nameof(TemplateDiffView.NoChanges), "The content is the same as the published version.");
                builder.CloseComponent();
            });
    }
}
