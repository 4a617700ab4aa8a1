using Microsoft.AspNetCore.Components;
using MudBlazor;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Validation;
using NotificationOps.Engine.Webhooks.Outbound;
using NotificationOps.Dashboard.Components.Shared;

namespace NotificationOps.Dashboard.Components.Pages.Webhooks;

/// <summary>Settings → Webhooks: endpoints and their secrets (Admin only; each handler checks the role again).</summary>
public partial class WebhooksPanel
{
    private readonly HashSet<string> newEvents = [Engine.Messages.MessageChange.Updated];
    private IReadOnlyList<WebhookEndpoint> endpoints = [];
    private WebhookEndpoint? selected;
    private string newUrl = string.Empty;
    private string newDescription = string.Empty;
    private bool newMachineHits;
    private (string Url, string Secret)? secret;
    private bool loading = true;
    private bool busy;

    [Inject]
    private WebhookEndpointService Service { get; set; } = null!;

    [Inject]
    private WebhookDeliveryLog Log { get; set; } = null!;

    [Inject]
    private RoleGuard Guard { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        loading = true;
        endpoints = await Service.ListAsync();
        selected = selected is null ? null : endpoints.FirstOrDefault(e => e.Id == selected.Id);
        loading = false;
    }

    private Task CreateAsync() => RunAsync(async () =>
    {
        var created = await Service.CreateAsync(new WebhookEndpointChange
        {
            Url = newUrl.Trim(),
            Description = string.IsNullOrWhiteSpace(newDescription) ? null : newDescription.Trim(),
            Events = WebhookEvents.Subscribable.Where(newEvents.Contains).ToList(),
            IncludeMachineHits = newMachineHits,
        });
        secret = (created.Endpoint.Url, created.Secret);
        newUrl = string.Empty;
        newDescription = string.Empty;
        Snackbar.Add("Endpoint added.", Severity.Success);
    });

    private Task SetEnabledAsync(WebhookEndpoint endpoint, bool enabled) => RunAsync(async () =>
    {
        await Service.UpdateAsync(endpoint.Id, new WebhookEndpointChange { Enabled = enabled });
        Snackbar.Add(enabled ? "Endpoint enabled; waiting events resume." : "Endpoint disabled.", Severity.Success);
    });

    private Task RotateAsync(WebhookEndpoint endpoint) => RunAsync(async () =>
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, "Rotate secret", $"A new secret for {endpoint.Url}; the current one keeps signing alongside it for 24 hours.",
                "Rotate", ConfirmFacts.Of(("Endpoint", endpoint.Url), ("Events", endpoint.Events)), Color.Warning))
        {
            return;
        }

        if (await Service.RotateSecretAsync(endpoint.Id) is { } rotated)
        {
            secret = (rotated.Endpoint.Url, rotated.Secret);
        }
    });

    private Task TestAsync(WebhookEndpoint endpoint) => RunAsync(async () =>
    {
        await Log.SendTestAsync(endpoint.Id);
        selected = endpoint;
        Snackbar.Add("Test event queued; its delivery shows in the log below.", Severity.Info);
    });

    private Task DeleteAsync(WebhookEndpoint endpoint) => RunAsync(async () =>
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, "Delete endpoint", $"{endpoint.Url} will receive nothing more, and its delivery log is deleted.",
                "Delete", ConfirmFacts.Of(("Endpoint", endpoint.Url), ("Events", endpoint.Events), ("Description", endpoint.Description)), Color.Error))
        {
            return;
        }

        await Service.DeleteAsync(endpoint.Id);
        if (selected?.Id == endpoint.Id)
        {
            selected = null;
        }
    });

    /// <summary>Every write: the role first (on the server), input errors shown, the list reloaded.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        if (!await Guard.EnsureAsync(DashboardAction.Administer))
        {
            return;
        }

        busy = true;
        try
        {
            await action();
        }
        catch (RequestValidationException invalid)
        {
            Snackbar.Add(invalid.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }

        await LoadAsync();
        // Also when called other than from a UI event (which re-renders by itself): the secret must show at once.
        StateHasChanged();
    }

    private void Toggle(string name, bool on)
    {
        if (on)
        {
            newEvents.Add(name);
        }
        else
        {
            newEvents.Remove(name);
        }
    }
}
