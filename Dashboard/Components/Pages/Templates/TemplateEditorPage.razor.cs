using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using NotificationOps.Dashboard.Components.Shared;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Api;
using NotificationOps.Engine.Audit;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Dashboard.Components.Pages.Templates;

/// <summary>
/// The template editor: per-channel code editors, sample data, a live preview rendered by the Engine's renderer
/// on every change (errors shown at their line), save as draft, publish, test send, history with diff and restore.
/// </summary>
public sealed partial class TemplateEditorPage
{
    private TemplateDetails? details;
    private bool notFound;
    private int channelTab;
    private int generation;

    private string name = string.Empty;
    private string tagsText = string.Empty;
    private EmailContent email = new();
    private SmsContent sms = new();
    private PushContent push = new();
    private string pushData = string.Empty;
    private ChatContent chat = new();
    private InboxContent inbox = new();

    private string? subscriptionTopicId;

    private readonly TemplatePreviewState preview = new();
    private string? publishError;
    private string testRecipient = string.Empty;
    private string? testMessageId;

    [Parameter]
    public string Key { get; set; } = string.Empty;

    private bool canEdit;

    [Inject]
    private RoleGuard Guard { get; set; } = default!;

    [Inject]
    private TemplateService Templates { get; set; } = default!;

    [Inject]
    private ContentRenderer Renderer { get; set; } = default!;

    [Inject]
    private BrandService Brands { get; set; } = default!;

    [Inject]
    private TemplateTestSender TestSender { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private bool deleted;

    private bool Dirty => details is not null && !deleted
        && (Content().ToJson() != details.Content.ToJson() || name.Trim() != details.Template.Name || TemplateInput.NormaliseTags(SplitTags()) != details.Template.Tags);

    protected override async Task OnParametersSetAsync()
    {
        canEdit = await Guard.AllowsAsync(DashboardAction.Edit);
        var loaded = await Templates.GetAsync(Key);
        preview.Loaded(loaded);
        Load(loaded);
    }

    private void Load(TemplateDetails? loaded)
    {
        details = loaded;
        notFound = loaded is null;
        if (loaded is null)
        {
            return;
        }

        var content = loaded.Content;
        name = loaded.Template.Name;
        tagsText = string.Join(", ", loaded.Template.TagList);
        email = content.Email ?? new EmailContent();
        sms = content.Sms ?? new SmsContent();
        push = content.Push ?? new PushContent();
        pushData = push.Data?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? string.Empty;
        chat = content.Chat ?? new ChatContent();
        inbox = content.Inbox ?? new InboxContent();
        subscriptionTopicId = content.SubscriptionTopicId; // edited beside the name, or set over the API
        generation++; // the code editors start again from the loaded text
        Refresh();
    }

    /// <summary>The content as edited; a channel whose fields are all empty is left out.</summary>
    internal TemplateContent Content() => new()
    {
        Email = string.IsNullOrEmpty(email.Subject) && string.IsNullOrEmpty(email.Html) && string.IsNullOrEmpty(email.Text) ? null : email,
        Sms = string.IsNullOrEmpty(sms.Text) ? null : sms,
        Push = string.IsNullOrEmpty(push.Title) && string.IsNullOrEmpty(push.Body) && push.Data is null ? null : push,
        Chat = string.IsNullOrEmpty(chat.Text) ? null : chat,
        Inbox = string.IsNullOrEmpty(inbox.Title) && string.IsNullOrEmpty(inbox.Body) && string.IsNullOrEmpty(inbox.ActionUrl) ? null : inbox,
        SubscriptionTopicId = subscriptionTopicId,
    };

    private void Edit(Action change)
    {
        change();
        publishError = null;
        Refresh();
    }

    private void Refresh() => preview.Render(Renderer, Content(), Brands.Current);

    private TemplateRenderException? ErrorOf(string field) => preview.ErrorOf(field);

    private string? ErrorText(string field) => preview.ErrorText(field);

    private void PushDataChanged(string value)
    {
        pushData = value;
        if (preview.TryParsePushData(value, out var data))
        {
            push = push with { Data = data };
        }

        Edit(() => { });
    }

    private void SampleChanged(string value)
    {
        preview.SampleChanged(value);
        Refresh();
    }

    private List<string> SplitTags() => tagsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private async Task<string> ActorAsync() => AuthenticationState is null ? "unknown" : AuditActors.Of((await AuthenticationState).User);

    /// <summary>Saves a draft when anything changed; false when the input was refused (said in a snackbar).</summary>
    private async Task<bool> SaveIfDirtyAsync()
    {
        if (!Dirty)
        {
            return true;
        }

        if (preview.PushDataInvalid)
        {
            Snackbar.Add("Fix the push data JSON first.", Severity.Error);
            return false;
        }

        try
        {
            var saved = await Templates.UpdateAsync(details!.Template.Id, new TemplateInput { Name = name, Tags = SplitTags(), Content = Content() }, await ActorAsync());
            details = saved ?? details;
            return saved is not null;
        }
        catch (RequestValidationException invalid)
        {
            Snackbar.Add(invalid.Message, Severity.Error);
            return false;
        }
    }

    private async Task SaveAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        if (await SaveIfDirtyAsync())
        {
            Snackbar.Add($"Saved as draft version {details!.Template.LatestVersion}.", Severity.Success);
        }
    }

    private async Task PublishAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        if (!await SaveIfDirtyAsync() || !await TemplatePublishConfirmation.AskAsync(Dialogs, Templates, details!.Template))
        {
            return;
        }

        try
        {
            details = await Templates.PublishAsync(details!.Template.Id, await ActorAsync()) ?? details;
            publishError = null;
            Snackbar.Add($"Published version {details!.Template.PublishedVersion}: sends use it from now on.", Severity.Success);
        }
        catch (TemplateRenderException error)
        {
            preview.Add(error);
            publishError = $"Not published: {error.Message}";
        }
        catch (RequestValidationException invalid)
        {
            publishError = $"Not published: {invalid.Message}";
        }
    }

    private async Task ConfirmLeavingAsync(LocationChangingContext context)
    {
        if (Dirty && !await ConfirmDialog.AskAsync(Dialogs, "Unsaved changes",
                "This template has changes that are not saved. Leave and lose them?", "Leave without saving", color: Color.Error))
        {
            context.PreventNavigation();
        }
    }

    private async Task TestSendAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        if (!await SaveIfDirtyAsync())
        {
            return;
        }

        try
        {
            testMessageId = await TestSender.SendAsync(details!.Template, testRecipient, preview.SampleData);
            Snackbar.Add($"Saved draft version {details.Template.LatestVersion} and sent it as test message {testMessageId}; what happens to it shows below the button.", Severity.Success);
        }
        catch (RequestValidationException invalid)
        {
            Snackbar.Add(invalid.Message, Severity.Error);
        }
    }

    private async Task RestoreAsync(int number)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        if (Dirty && !await ConfirmDialog.AskAsync(Dialogs, "Restore version", "Your unsaved changes will be lost.", "Restore",
                ConfirmFacts.Of(("Template", details!.Template.Alias), ("Restored as draft", $"version {number}")), Color.Warning))
        {
            return;
        }

        Load(await Templates.RestoreAsync(details!.Template.Id, number, await ActorAsync()));
        Snackbar.Add($"Version {number} restored as draft version {details?.Template.LatestVersion}.", Severity.Success);
    }

    private async Task DeleteAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        var confirmed = await ConfirmDialog.AskAsync(Dialogs, "Delete template",
            $"Sends to \"{details!.Template.Alias}\" will be refused (UNPUBLISHED) and the alias becomes free. Messages already sent keep their content.",
            "Delete", ConfirmFacts.Of(("Template", details.Template.Alias), ("Id", details.Template.Id)), Color.Error);
        if (confirmed && await Templates.DeleteAsync(details.Template.Id, await ActorAsync()))
        {
            deleted = true; // nothing left to lose: leaving must not ask about unsaved changes
            Navigation.NavigateTo("/templates");
        }
    }
}
