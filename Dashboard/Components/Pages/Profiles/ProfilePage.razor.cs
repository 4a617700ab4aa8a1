using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NotificationOps.Dashboard.Components.Shared;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Dashboard.Components.Pages.Profiles;

/// <summary>
/// One recipient: the profile's data (a JSON editor), its lists, audiences, topic preferences and latest messages.
/// Every change goes through the Engine's services, as the API's would, and only for an Editor or Admin.
/// </summary>
public partial class ProfilePage
{
    public const int MessageRows = 20;
    private const int ListRows = 200;

    // Shown as text in the editor, never as HTML: '+' and non-ASCII stay readable instead of \u escapes.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private IReadOnlyList<BreadcrumbItem> crumbs = [];
    private ProfileSummary? summary;
    private string json = "{}";
    private string? jsonError;
    private IReadOnlyList<ProfileListMembership> lists = [];
    private IReadOnlyList<ProfileAudience> audiences = [];
    private IReadOnlyList<TopicPreferenceView> topics = [];
    private IReadOnlyList<Message> messages = [];
    private bool moreMessages;
    private string newList = string.Empty;
    private bool canEdit;
    private bool loading = true;
    private string? loadedFor;

    [Parameter]
    public string UserId { get; set; } = string.Empty;

    [Inject]
    private ProfileService Profiles { get; set; } = default!;

    [Inject]
    private ProfileSearch Search { get; set; } = default!;

    [Inject]
    private ListService Lists { get; set; } = default!;

    [Inject]
    private ProfileAudienceQuery Audiences { get; set; } = default!;

    [Inject]
    private PreferenceService Preferences { get; set; } = default!;

    [Inject]
    private MessageQueries Messages { get; set; } = default!;

    [Inject]
    private RoleGuard Guard { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The page of a user id: the audience and list pages link their member rows here.</summary>
    public static string UrlOf(string userId) => $"/profiles/{Uri.EscapeDataString(userId)}";

    private string EventLogUrl => $"/?recipient={Uri.EscapeDataString(UserId)}&range=all";

    protected override async Task OnParametersSetAsync()
    {
        // A '/' in an id arrives as %2F, which the router leaves encoded in the segment.
        if (UserId.Contains('%', StringComparison.Ordinal))
        {
            UserId = Uri.UnescapeDataString(UserId);
        }

        // A re-render with the same user keeps what is being edited; another user id loads that profile.
        if (UserId == loadedFor)
        {
            return;
        }

        loadedFor = UserId;
        loading = true;
        crumbs = [new BreadcrumbItem("Profiles", "/profiles"), new BreadcrumbItem(UserId, null, disabled: true)];
        canEdit = await Guard.AllowsAsync(DashboardAction.Edit);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        summary = (await Search.FindAsync(UserId)).FirstOrDefault(p => p.UserId == UserId);
        var data = await Profiles.GetAsync(UserId);
        json = data is null ? "{}" : data.ToJsonString(Indented);
        jsonError = null;
        await LoadRelationsAsync();
        var page = await Messages.ListAsync(new MessageFilter { Recipient = UserId }, null, MessageRows);
        messages = page.Items;
        moreMessages = page.Next is not null;
        loading = false;
    }

    private async Task LoadRelationsAsync()
    {
        lists = (await Lists.ProfileListsAsync(UserId, null, ListRows)).Items;
        audiences = await Audiences.ForUserAsync(UserId);
        topics = await Preferences.ForUserAsync(UserId);
    }

    private async Task SaveAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        JsonObject profile;
        try
        {
            profile = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("The profile must be a JSON object: { ... }.");
            ProfileService.Validate(profile, "profile");
        }
        catch (JsonException e)
        {
            jsonError = $"Not saved: {e.Message}";
            return;
        }
        catch (RequestValidationException e)
        {
            jsonError = $"Not saved: {e.Message}";
            return;
        }

        await Profiles.ReplaceAsync(UserId, profile);
        Snackbar.Add("Profile saved.", Severity.Success);
        await LoadAsync();
    }

    private async Task DeleteAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        if (!await ConfirmDialog.AskAsync(Dialogs, "Delete profile",
                $"The profile of '{UserId}' is removed and its audience memberships are evaluated again without it. Its messages, lists and topic preferences stay.",
                "Delete", color: Color.Error))
        {
            return;
        }

        await Profiles.DeleteAsync(UserId);
        Snackbar.Add($"Deleted the profile of {UserId}.", Severity.Success);
        Navigation.NavigateTo("/profiles");
    }

    private async Task SubscribeAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        string listId;
        try
        {
            listId = ResourceId.Validate(newList.Trim(), "list id");
        }
        catch (RequestValidationException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
            return;
        }

        // As POST /api/profiles/{user_id}/lists: a list that does not exist is created.
        await Lists.SubscribeToListsAsync(UserId, [new ListChoice(listId)]);
        newList = string.Empty;
        await LoadRelationsAsync();
    }

    private async Task UnsubscribeAsync(string listId)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        await Lists.UnsubscribeAsync(listId, UserId);
        await LoadRelationsAsync();
    }

    private async Task SetTopicAsync(TopicPreferenceView view, PreferenceStatus status)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        try
        {
            // The user's custom routing is kept: only the status changes.
            await Preferences.SetAsync(UserId, view.Topic.Id, status, view.HasCustomRouting,
                view.HasCustomRouting ? string.Join(',', view.CustomRouting) : null);
        }
        catch (RequestValidationException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }

        topics = await Preferences.ForUserAsync(UserId);
    }
}
