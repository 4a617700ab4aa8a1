using Microsoft.AspNetCore.Components;
using MudBlazor;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Dashboard.Components.Shared;

namespace NotificationOps.Dashboard.Components.Pages.Settings;

public sealed partial class ProvidersPanel
{
    private IReadOnlyList<ProviderOverviewRow> rows = [];
    private bool loading = true;

    [Inject]
    private RoleGuard Guard { get; set; } = default!;

    [Inject]
    private ProviderOverviewQuery Overview { get; set; } = default!;

    [Inject]
    private ProviderIntegrationService Integrations { get; set; } = default!;

    [Inject]
    private ProviderTestSender TestSender { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        loading = true;
        rows = await Overview.ListAsync();
        loading = false;
    }

    private Task AddAsync() => OpenEditorAsync("Add provider", existingId: null);

    private Task EditAsync(ProviderOverviewRow row) => OpenEditorAsync($"Edit {row.Entry.Id}", row.Entry.Id);

    private async Task OpenEditorAsync(string title, string? existingId)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Administer))
        {
            return;
        }

        var parameters = new DialogParameters<ProviderEditDialog> { { d => d.ExistingId, existingId } };
        var dialog = await Dialogs.ShowAsync<ProviderEditDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(existingId is null ? "Provider added." : "Provider saved.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task SendTestAsync(ProviderOverviewRow row)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Administer))
        {
            return;
        }

        var parameters = new DialogParameters<ProviderTestDialog> { { d => d.Channel, row.Entry.Channel } };
        var dialog = await Dialogs.ShowAsync<ProviderTestDialog>($"Send a test through {row.Entry.Id}", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: string address })
        {
            return;
        }

        var (messageId, error) = await TestSender.SendAsync(row.Entry.Id, address);
        if (messageId is null)
        {
            Snackbar.Add(error ?? "The test was not accepted.", Severity.Error);
            return;
        }

        // The message page follows the test to its outcome (delivered, or failed with the provider's error).
        Navigation.NavigateTo($"/messages/{Uri.EscapeDataString(messageId)}?test={Uri.EscapeDataString(row.Entry.Id)}");
    }

    private async Task MoveAsync(ProviderOverviewRow row, bool earlier)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Administer))
        {
            return;
        }

        await ReportAsync(await Integrations.MoveAsync(row.Entry.Id, earlier), null);
    }

    private async Task ToggleAsync(ProviderOverviewRow row)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Administer))
        {
            return;
        }

        await ReportAsync(await Integrations.SetEnabledAsync(row.Entry.Id, !row.Entry.Enabled), row.Entry.Enabled ? $"{row.Entry.Id} disabled." : $"{row.Entry.Id} enabled.");
    }

    private async Task DeleteAsync(ProviderOverviewRow row)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Administer))
        {
            return;
        }

        var confirmed = await ConfirmDialog.AskAsync(Dialogs, "Delete provider",
            $"Delete {row.Entry.Id}? Messages stop routing to it at once; its history stays. Its webhook URL will answer 404.",
            "Delete", ConfirmFacts.Of(("Provider", row.Entry.Id), ("Type", row.Entry.Type), ("Channel", row.Entry.Channel),
                ("Recent attempts", row.RecentAttempts > 0 ? $"{row.RecentAttempts} ({row.RecentFailures} failed)" : null)), Color.Error);
        if (confirmed)
        {
            await ReportAsync(await Integrations.DeleteAsync(row.Entry.Id), $"{row.Entry.Id} deleted.");
        }
    }

    private async Task ReportAsync(IntegrationResult result, string? success)
    {
        if (!result.Ok)
        {
            Snackbar.Add(result.Error ?? "Not changed.", Severity.Error);
        }
        else if (success is not null)
        {
            Snackbar.Add(success, Severity.Success);
        }

        await LoadAsync();
    }

    private static string NoWebhook(ProviderOverviewRow row) =>
        row.Entry.Type == "simulated" ? "None needed: the simulated receipt follows by itself."
        : NotificationOps.Engine.Channels.HasNoReceipt(row.Entry.Channel) ? "None: chat has no receipt, a post is the delivery."
        : "None: the provider's answer is all we hear.";

    private static Color StateColor(string state) => state switch
    {
        "enabled" => Color.Success,
        "invalid" or "failing" => Color.Error,
        _ => Color.Default,
    };
}
