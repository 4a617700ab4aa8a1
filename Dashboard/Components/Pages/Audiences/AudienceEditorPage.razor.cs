using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NotificationOps.Dashboard.Components.Shared;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Dashboard.Components.Pages.Audiences;

/// <summary>
/// One audience: its state (members, last calculation, a calculation in progress), its definition in a tree of
/// AND/OR groups with a live count as you edit (debounced; a bounded sample first, then every profile), and its
/// members. Saving goes through the API's own <see cref="AudienceService.PutAsync"/>, so the rules are the same.
/// </summary>
public sealed partial class AudienceEditorPage
{
    /// <summary>How long typing must pause before the count runs.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(400);

    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource disposed = new();
    private CancellationTokenSource? counting;
    private Audience? audience;
    private FilterNode root = FilterNode.Group();
    private string name = string.Empty;
    private string description = string.Empty;
    private string? error;
    private AudiencePreviewResult? preview;
    private bool loading = true;
    private bool canEdit;
    private bool saving;
    private bool polling;

    [Parameter]
    public string Id { get; set; } = string.Empty;

    [Inject]
    private AudienceService Audiences { get; set; } = default!;

    [Inject]
    private AudiencePreview Preview { get; set; } = default!;

    [Inject]
    private RoleGuard Guard { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string AudienceId => ResourceId.FromPath(Id);

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        canEdit = await Guard.AllowsAsync(DashboardAction.Edit);
        audience = await Audiences.GetAsync(AudienceId);
        root = audience is null ? FilterNode.Group() : FilterNode.FromAudience(audience.Operator, audience.FilterJson);
        (name, description) = audience is null ? (AudienceId, string.Empty) : (audience.Name, audience.Description);
        loading = false;
        await Changed();
        WatchCalculation();
    }

    /// <summary>After any edit: checks the tree with the engine's parser, then counts after the debounce.</summary>
    private Task Changed()
    {
        counting?.Cancel();
        preview = null;
        AudienceDefinition definition;
        try
        {
            definition = AudienceDefinition.FromStored(root.Operator, root.ChildrenJson().ToJsonString());
            error = null;
        }
        catch (RequestValidationException invalid)
        {
            error = invalid.Message;
            return Task.CompletedTask;
        }

        counting = CancellationTokenSource.CreateLinkedTokenSource(disposed.Token);
        _ = CountAsync(definition, counting.Token);
        return Task.CompletedTask;
    }

    private async Task CountAsync(AudienceDefinition definition, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Debounce, cancellationToken);
            var estimate = await Preview.EstimateAsync(definition, cancellationToken);
            await InvokeAsync(() => { preview = estimate; StateHasChanged(); });
            if (!estimate.Exact)
            {
                var exact = await Preview.CountAsync(definition, cancellationToken);
                await InvokeAsync(() => { preview = exact; StateHasChanged(); });
            }
        }
        catch (OperationCanceledException)
        {
            // A newer edit (or leaving the page) replaced this count.
        }
    }

    private async Task SaveAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        var body = new JsonObject
        {
            ["name"] = name.Trim(),
            ["description"] = description.Trim(),
            ["operator"] = root.Operator,
            ["filter"] = new JsonObject { ["filters"] = root.ChildrenJson() },
        };
        saving = true;
        try
        {
            ResourceId.Validate(AudienceId, "audience_id");
            var created = audience is null;
            audience = await Audiences.PutAsync(AudienceId, body);
            error = null;
            Snackbar.Add(audience.Calculating ? $"{(created ? "Created" : "Saved")}: calculating the members of version {audience.Version}." : "Saved.", Severity.Success);
            WatchCalculation();
        }
        catch (RequestValidationException invalid)
        {
            error = invalid.Message;
        }
        finally
        {
            saving = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit) || audience is null)
        {
            return;
        }

        if (!await ConfirmDialog.AskAsync(Dialogs, "Delete audience", $"Delete audience \"{AudienceId}\" and its computed membership ({Counted.Of(audience.MemberCount, "member")})? Sends naming it will find no one.", "Delete", color: Color.Error))
        {
            return;
        }

        await Audiences.DeleteAsync(AudienceId);
        Snackbar.Add($"Deleted audience {AudienceId}.", Severity.Success);
        Navigation.NavigateTo("/audiences");
    }

    /// <summary>While a calculation runs, re-reads the audience every second so its progress and, at the end, its members show.</summary>
    private void WatchCalculation()
    {
        if (polling || audience is not { Calculating: true })
        {
            return;
        }

        polling = true;
        _ = PollAsync();
    }

    private async Task PollAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(PollEvery);
            while (audience is { Calculating: true } && await timer.WaitForNextTickAsync(disposed.Token))
            {
                var fresh = await Audiences.GetAsync(AudienceId, disposed.Token);
                await InvokeAsync(() => { audience = fresh; StateHasChanged(); });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
        finally
        {
            polling = false;
        }
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
        counting?.Dispose();
    }
}
