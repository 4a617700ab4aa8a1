using Microsoft.AspNetCore.Components;
using MudBlazor;
using NotificationOps.Dashboard.Components.Shared;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Dashboard.Components.Pages.Lists;

/// <summary>
/// One list: its subscribers (searchable, paged, each to its profile), adding one by user id, removing one, importing
/// many from a CSV file, and archiving the list (Courier's DELETE: subscribers are kept, the API's restore brings it back).
/// Every change goes through <see cref="ListService"/>, the same as the API's.
/// </summary>
public sealed partial class ListDetailPage
{
    public const int PageSize = 50;

    private SubscriptionList? list;
    private OffsetPage<ListSubscriberRow> page = new([], 0);
    private int subscriberCount;
    private string search = string.Empty;
    private string newUserId = string.Empty;
    private string? addError;
    private int skip;
    private bool loading = true;
    private bool canEdit;

    [Parameter]
    public string Id { get; set; } = string.Empty;

    [Inject]
    private ListService Lists { get; set; } = default!;

    [Inject]
    private ListOverviewQuery Overview { get; set; } = default!;

    [Inject]
    private RoleGuard Guard { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string ListId => ResourceId.FromPath(Id);

    private string ListTitle => list?.Name ?? ListId;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        canEdit = await Guard.AllowsAsync(DashboardAction.Edit);
        list = await Lists.GetAsync(ListId);
        if (list is not null)
        {
            await ReloadAsync();
        }

        loading = false;
    }

    private async Task ReloadAsync()
    {
        subscriberCount = await Lists.CountSubscribersAsync(ListId);
        page = await Overview.SubscribersAsync(ListId, search, skip, PageSize);
    }

    private Task SearchAsync(string? value)
    {
        search = value ?? string.Empty;
        skip = 0;
        return ReloadAsync();
    }

    private Task GoAsync(int to)
    {
        skip = to;
        return ReloadAsync();
    }

    private async Task AddAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        try
        {
            var userId = ResourceId.Validate(newUserId.Trim(), "user id");
            await Lists.AddSubscribersAsync(ListId, [new ListRecipient(userId)], replace: false);
            (addError, newUserId) = (null, string.Empty);
            Snackbar.Add($"Subscribed {userId}.", Severity.Success);
            await ReloadAsync();
        }
        catch (RequestValidationException invalid)
        {
            addError = invalid.Message;
        }
    }

    private async Task RemoveAsync(string userId)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        if (!await ConfirmDialog.AskAsync(Dialogs, "Remove subscriber", $"Remove {userId} from list \"{ListId}\"? Sends to the list will no longer reach them.", "Remove", color: Color.Error))
        {
            return;
        }

        var removed = await Lists.UnsubscribeAsync(ListId, userId);
        Snackbar.Add(removed ? $"Removed {userId}." : $"{userId} was not subscribed.", removed ? Severity.Success : Severity.Info);
        await ReloadAsync();
    }

    private async Task ArchiveAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        if (!await ConfirmDialog.AskAsync(Dialogs, "Archive list", $"Archive list \"{ListId}\" ({Counted.Of(subscriberCount, "subscriber")})? Sends to it will reach no one; PUT /api/lists/{{id}}/restore brings it back with its subscribers.", "Archive", color: Color.Error))
        {
            return;
        }

        await Lists.DeleteAsync(ListId);
        Snackbar.Add($"Archived list {ListId}.", Severity.Success);
        Navigation.NavigateTo("/lists");
    }
}
