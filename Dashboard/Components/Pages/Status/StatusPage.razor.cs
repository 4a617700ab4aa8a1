using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Dashboard.Components.Pages.Status;

/// <summary>
/// Components with their state now and 90-day uptime, open incidents with their timelines (Editors post updates, rename,
/// open manual incidents), charts from stored samples, and the history as status pages write it. Refreshes itself.
/// </summary>
public sealed partial class StatusPage : IAsyncDisposable
{
    /// <summary>As often as the rules run by default: an incident the job opens shows up without a reload.</summary>
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource disposed = new();
    private readonly Dictionary<long, IncidentDraft> updates = [];
    private StatusView? status;
    private HistoryView? history;
    private IReadOnlyList<ComponentUptime> uptime = [];
    private IReadOnlyDictionary<long, AlertsSent> alerts = new Dictionary<long, AlertsSent>();
    private DateTimeOffset now;
    private bool canEdit;
    private bool composing;
    private bool publicPage;
    private string? error;
    private IncidentDraft draft = new();

    [Inject]
    private IncidentService Incidents { get; set; } = default!;

    [Inject]
    private IncidentAlerts Alerts { get; set; } = default!;

    [Inject]
    private RoleGuard Guard { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private IOptions<StatusPageOptions> PublicOptions { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        canEdit = await Guard.AllowsAsync(DashboardAction.Edit);
        publicPage = PublicOptions.Value.Public;
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = RefreshLoopAsync(disposed.Token);
        }
    }

    public async ValueTask DisposeAsync() => await disposed.CancelAsync();

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(RefreshInterval, Time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private async Task LoadAsync()
    {
        now = Time.GetUtcNow();
        status = await Incidents.GetStatusAsync();
        history = await Incidents.HistoryAsync(IncidentService.StatusDays);
        uptime = await Incidents.UptimeAsync();
        alerts = await Alerts.SentAsync(status.Incidents.Select(i => i.Id).Concat(history.Incidents.Select(i => i.Id)).ToHashSet());
    }

    private IncidentDraft UpdateOf(long id) => updates.TryGetValue(id, out var d) ? d : updates[id] = new IncidentDraft { Status = IncidentStatus.Identified };

    private async Task OpenIncidentAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Incidents.OpenAsync(
                new NewIncident(draft.Title, draft.Impact, (draft.Components ?? []).ToList(), draft.Maintenance ? IncidentStatus.Identified : IncidentStatus.Investigating, draft.Body, draft.Maintenance),
                await AuthorAsync());
            draft = new IncidentDraft();
            composing = false;
        });
    }

    private async Task AddUpdateAsync(long id)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        var update = UpdateOf(id);
        await RunAsync(async () =>
        {
            await Incidents.AddUpdateAsync(id, update.Status, update.Body, await AuthorAsync());
            updates.Remove(id);
        });
    }

    private async Task RenameAsync(long id)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Incidents.RenameAsync(id, UpdateOf(id).Title);
            updates.Remove(id);
        });
    }

    /// <summary>Runs an operator change; bad input shows its sentence and changes nothing.</summary>
    private async Task RunAsync(Func<Task> change)
    {
        try
        {
            await change();
            error = null;
            await LoadAsync();
        }
        catch (RequestValidationException ex)
        {
            error = ex.Message;
        }
    }

    private async Task<string> AuthorAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        return user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "operator";
    }
}
