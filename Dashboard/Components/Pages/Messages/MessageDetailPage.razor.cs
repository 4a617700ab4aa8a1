using Microsoft.AspNetCore.Components;
using MudBlazor;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Validation;
using NotificationOps.Dashboard.Components.Shared;

namespace NotificationOps.Dashboard.Components.Pages.Messages;

/// <summary>
/// One message: status, timeline, attempts, rendered content and recipient, with retry, cancel and resend.
/// Refreshes itself while the message can still change on its own (SENT → DELIVERED arrives without a reload).
/// </summary>
public sealed partial class MessageDetailPage : IAsyncDisposable
{
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource disposed = new();
    // The refresh timer and an operator's action may both reload; one load at a time keeps the newest last.
    private readonly SemaphoreSlim loadGate = new(1, 1);
    private MessageDetails? details;
    private string? loadedId;
    private bool loading = true;
    private bool busy;
    private bool canEdit;
    private string? loadError;
    private string? refreshError;

    [Parameter]
    public string Id { get; set; } = string.Empty;

    /// <summary>Set when this message is a resend's copy, opened by the Resend button: the page follows its outcome.</summary>
    [SupplyParameterFromQuery(Name = "resent_from")]
    private string? ResentFrom { get; set; }

    /// <summary>Set when a provider's test send opened this page (Settings → Providers).</summary>
    [SupplyParameterFromQuery(Name = "test")]
    private string? TestOf { get; set; }

    // When this page retried the message: from then on it says what the retry led to, not just that it was queued.
    private DateTimeOffset? retriedAt;

    [Inject]
    private RoleGuard Guard { get; set; } = default!;

    [Inject]
    private MessageDetailsQuery Query { get; set; } = default!;

    [Inject]
    private MessageOperations Operations { get; set; } = default!;

    [Inject]
    private MessageResender Resender { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    // Cancel only, no Dispose: a load or an action finishing after the page closed must still find both usable.
    public async ValueTask DisposeAsync() => await disposed.CancelAsync();

    protected override async Task OnParametersSetAsync()
    {
        canEdit = await Guard.AllowsAsync(DashboardAction.Edit);
        if (Id != loadedId)
        {
            // Another message (after a resend): show its loading state, not the previous one's data.
            details = null;
            retriedAt = null;
            await LoadAsync(quiet: false);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = RefreshLoopAsync(disposed.Token);
        }
    }

    private async Task LoadAsync(bool quiet)
    {
        var id = Id;
        await loadGate.WaitAsync(disposed.Token);
        try
        {
            loading = !quiet;
            var loaded = await Query.GetAsync(id, disposed.Token);
            if (id == Id)
            {
                details = loaded;
                loadedId = id;
                loadError = null;
                refreshError = null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (quiet && details is not null)
            {
                refreshError = ex.Message;
            }
            else
            {
                loadError = ex.Message;
            }
        }
        finally
        {
            loading = false;
            loadGate.Release();
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(RefreshInterval, Time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (details is { IsSettled: false } && !busy)
                {
                    await InvokeAsync(async () =>
                    {
                        await LoadAsync(quiet: true);
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private Task RetryAsync() => ActAsync(
        "Retry now",
        "A new attempt starts now. A failed message starts routing over with a new retry budget.",
        async () =>
        {
            if (Report(await Operations.RetryAsync(Id, MessageEventSources.Operator), "Requeued for a new attempt: what it leads to shows at the top of this page."))
            {
                retriedAt = Time.GetUtcNow();
            }
        });

    private Task CancelAsync() => ActAsync(
        "Cancel message",
        "The message will not be sent. This cannot be undone (Resend can send a copy later).",
        async () => _ = Report(await Operations.CancelAsync(Id, MessageEventSources.Operator), "Canceled: the message will not be sent."));

    private Task ResendAsync() => ActAsync(
        "Resend message",
        "A new message with the same content goes to the same recipient, tagged \"resend\". This one stays as it is.",
        async () =>
        {
            var copy = await Resender.ResendAsync(Id, MessageEventSources.Operator);
            if (copy is null)
            {
                Snackbar.Add($"No message with id {Id} any more.", Severity.Error);
                return;
            }

            Snackbar.Add($"Resent as a new message, {copy}: its page follows what happens to it.", Severity.Success);
            Navigation.NavigateTo($"/messages/{Uri.EscapeDataString(copy)}?resent_from={Uri.EscapeDataString(Id)}");
        });

    /// <summary>Asks first, does it, says what happened, and shows the result at once.</summary>
    private async Task ActAsync(string title, string question, Func<Task> action)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        var message = details?.Message;
        var confirmed = await ConfirmDialog.AskAsync(Dialogs, title, question, title,
            message is null ? null : ConfirmFacts.Of(("Message", message.Id), ("Recipient", message.Recipient),
                ("Status", message.Reason is { } reason ? $"{message.Status.ToWire()} ({reason.ToWire()})" : message.Status.ToWire()),
                ("Provider", message.Provider), ("Last error", message.Error)));
        if (!confirmed)
        {
            return;
        }

        busy = true;
        try
        {
            await action();
        }
        catch (RequestValidationException ex)
        {
            Snackbar.Add($"{title} was refused: {ex.Message}", Severity.Warning);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Snackbar.Add($"{title} failed: {ex.Message}", Severity.Error);
        }
        finally
        {
            busy = false;
        }

        await LoadAsync(quiet: true);
    }

    /// <summary>Says how the operation went; true when it was done.</summary>
    private bool Report(MessageOperationResult result, string done)
    {
        switch (result.Outcome)
        {
            case MessageOperationOutcome.Done:
                Snackbar.Add(done, Severity.Success);
                return true;
            case MessageOperationOutcome.Refused:
                Snackbar.Add(result.Explanation ?? "Refused in the message's current status.", Severity.Warning);
                return false;
            default:
                Snackbar.Add($"No message with id {Id} any more.", Severity.Error);
                return false;
        }
    }
}
