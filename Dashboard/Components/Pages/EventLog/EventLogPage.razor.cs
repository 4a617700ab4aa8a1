using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using NotificationOps.Dashboard.Components.Shared;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Operations;

namespace NotificationOps.Dashboard.Components.Pages.EventLog;

/// <summary>
/// The screen operators live in: every message, newest first, filtered by what the query string says, paged by
/// keyset cursors, with status counts from a cache and new messages announced rather than pushed into view.
/// </summary>
public sealed partial class EventLogPage
{
    public const int PageSize = 50;
    private static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(3);

    private static readonly MessageStatus[] FilterStatuses =
    [
        MessageStatus.Enqueued, MessageStatus.Delayed, MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Opened,
        MessageStatus.Clicked, MessageStatus.Undeliverable, MessageStatus.Unroutable, MessageStatus.Canceled,
    ];

    private readonly CancellationTokenSource disposed = new();
    private EventLogQuery query = new();
    private List<Message> items = [];
    private MessageCursor? next;
    private IReadOnlyDictionary<MessageStatus, int>? counts;
    private IReadOnlyList<string> providers = [];
    private bool loading = true;
    private string? error;
    private int newCount;
    private int selected = -1;
    private string? loadedUrl;
    private Task? live;
    private HashSet<string> selection = [];
    private BulkProgressPanel? progress;

    private bool canEdit;

    [Inject]
    private RoleGuard Guard { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private MessageQueries Queries { get; set; } = default!;

    [Inject]
    private MessageCounts Counts { get; set; } = default!;

    [Inject]
    private NotificationOps.Engine.Providers.ProviderRegistry Registry { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "status")]
    private string? StatusParameter { get; set; }

    [SupplyParameterFromQuery(Name = "channel")]
    private string? ChannelParameter { get; set; }

    [SupplyParameterFromQuery(Name = "provider")]
    private string? ProviderParameter { get; set; }

    [SupplyParameterFromQuery(Name = "template")]
    private string? TemplateParameter { get; set; }

    [SupplyParameterFromQuery(Name = "tag")]
    private string? TagParameter { get; set; }

    [SupplyParameterFromQuery(Name = "recipient")]
    private string? RecipientParameter { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    private string? SearchParameter { get; set; }

    [SupplyParameterFromQuery(Name = "range")]
    private string? RangeParameter { get; set; }

    [SupplyParameterFromQuery(Name = "reason")]
    private string? ReasonParameter { get; set; }

    [SupplyParameterFromQuery(Name = "bulk")]
    private string? BulkParameter { get; set; }

    [CascadingParameter]
    private UserTimeZone? Zone { get; set; }

    [SupplyParameterFromQuery(Name = "cursor")]
    private string? CursorParameter { get; set; }

    private string ExportUrl => EventLogExportEndpoint.Path + (query with { Cursor = null }).ToUrl()[1..];

    private string PageDescription => items.Count == 0
        ? string.Empty
        : $"{items.Count} message{(items.Count == 1 ? "" : "s")}, {Describe(items[0].EnqueuedAt)} to {Describe(items[^1].EnqueuedAt)}";

    private string Describe(DateTimeOffset value) => (Zone ?? UserTimeZone.Utc).Format(value);

    protected override async Task OnInitializedAsync()
    {
        canEdit = await Guard.AllowsAsync(DashboardAction.Edit);
        // Configured providers at once; those only found in old messages join from a cached lookup.
        providers = Registry.All.Select(p => p.Id).Union(await Queries.ProvidersUsedAsync(disposed.Token)).Order(StringComparer.Ordinal).ToList();
    }

    protected override async Task OnParametersSetAsync()
    {
        query = EventLogQuery.Parse(StatusParameter, ChannelParameter, ProviderParameter, TemplateParameter, TagParameter,
            RecipientParameter, SearchParameter, RangeParameter, CursorParameter, ReasonParameter, BulkParameter);
        var url = query.ToUrl();
        if (url != loadedUrl)
        {
            loadedUrl = url;
            await LoadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // OnAfterRender runs only once the page is interactive, never during prerendering.
        if (firstRender)
        {
            live = LiveAsync(disposed.Token);
        }
    }

    private async Task LoadAsync()
    {
        loading = true;
        error = null;
        try
        {
            var filter = query.ToFilter(Time.GetUtcNow());
            MessageCursor.TryDecode(query.Cursor, out var cursor);
            var page = await Queries.ListAsync(filter, cursor, PageSize, disposed.Token);
            items = page.Items.ToList();
            next = page.Next;
            newCount = 0;
            selected = -1;
            counts = Counts.Peek(filter, () => _ = InvokeAsync(RefreshCounts));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.Message;
            items = [];
        }
        finally
        {
            loading = false;
        }
    }

    private void RefreshCounts()
    {
        counts = Counts.Peek(query.ToFilter(Time.GetUtcNow()));
        StateHasChanged();
    }

    /// <summary>Announces new messages and refreshes the visible rows in place, so the grid never jumps.</summary>
    private async Task LiveAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(LiveInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var filter = query.ToFilter(Time.GetUtcNow());
                var fresh = items.Count == 0 ? [] : await Queries.FindManyAsync(items.Select(m => m.Id).ToList(), cancellationToken);
                var byId = fresh.ToDictionary(m => m.Id);
                var newer = query.Cursor is null
                    ? await Queries.CountNewerAsync(filter, items.Count == 0 ? DateTimeOffset.MinValue : items[0].EnqueuedAt, cancellationToken: cancellationToken)
                    : 0;
                await InvokeAsync(() =>
                {
                    if (items.Count == 0 && newer > 0)
                    {
                        return LoadAsync();
                    }

                    items = items.Select(m => byId.GetValueOrDefault(m.Id) ?? m).ToList();
                    newCount = newer;
                    counts = Counts.Peek(filter, () => _ = InvokeAsync(RefreshCounts));
                    StateHasChanged();
                    return Task.CompletedTask;
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Apply(EventLogQuery changed) => Navigation.NavigateTo((changed with { Cursor = null }).ToUrl());

    private void ToggleStatus(MessageStatus status) =>
        Apply(query with { Statuses = query.Statuses.Contains(status) ? query.Statuses.Where(s => s != status).ToList() : [.. query.Statuses, status] });

    private void ClearFilters() => Navigation.NavigateTo("/");

    private void Older()
    {
        if (next is not null)
        {
            Navigation.NavigateTo((query with { Cursor = next.Encode() }).ToUrl());
        }
    }

    // Back in the browser's history is exactly the newer page we came from.
    private async Task Newer() => await JS.InvokeVoidAsync("history.back");

    private void Newest() => Navigation.NavigateTo((query with { Cursor = null }).ToUrl());

    private async Task ShowNewest()
    {
        if (query.Cursor is not null)
        {
            Newest();
            return;
        }

        await LoadAsync();
    }

    /// <summary>A dry run in a dialog, then the operation as a Hangfire job whose progress the panel shows.</summary>
    private async Task BulkAsync(BulkOperationKind kind, bool selectedOnly)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        var user = AuthenticationState is null ? null : (await AuthenticationState).User.Identity?.Name;
        var parameters = new DialogParameters<BulkDialog>
        {
            { d => d.Kind, kind },
            { d => d.Filter, selectedOnly ? null : query.ToFilter(Time.GetUtcNow()) },
            { d => d.Ids, selectedOnly ? selection.ToList() : null },
            { d => d.CreatedBy, user },
        };
        var title = kind == BulkOperationKind.Retry ? "Retry messages" : "Cancel messages";
        var dialog = await Dialogs.ShowAsync<BulkDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false } && progress is not null)
        {
            selection = [];
            await progress.RefreshAsync();
        }
    }

    private void Open(Message message) => Navigation.NavigateTo($"/messages/{Uri.EscapeDataString(message.Id)}");

    private string RowClass(Message message, int index) => index == selected ? "row-selected" : string.Empty;

    private async Task OnKeyDown(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "j" or "ArrowDown" when items.Count > 0:
                selected = Math.Min(selected + 1, items.Count - 1);
                break;
            case "k" or "ArrowUp" when items.Count > 0:
                selected = Math.Max(selected - 1, 0);
                break;
            case "Enter" when selected >= 0 && selected < items.Count:
                Open(items[selected]);
                break;
            case "p":
                Older();
                break;
            case "n" when query.Cursor is not null:
                await Newer();
                break;
        }
    }


    public async ValueTask DisposeAsync()
    {
        await disposed.CancelAsync();
        if (live is not null)
        {
            await live;
        }

        disposed.Dispose();
    }
}
