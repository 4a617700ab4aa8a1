using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NotificationOps.Dashboard.Components.Shared;
using NotificationOps.Dashboard.Security;
using NotificationOps.Engine.Audiences;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Dashboard.Components.Pages.Send;

/// <summary>
/// A template sent to a list or an audience: the recipient count is shown and confirmed first, then the send goes
/// through <see cref="GroupSender"/> (the one send path and the fan-out) and its progress is followed here.
/// <c>/send?list=id</c> and <c>/send?audience=id</c> open it with the group chosen (the Lists and Audiences pages link so).
/// </summary>
public partial class GroupSendPage : IAsyncDisposable
{
    private const int MaxChoices = 1000;
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource disposed = new();
    private IReadOnlyList<(string Id, string Label)> lists = [];
    private IReadOnlyList<(string Id, string Label)> audienceChoices = [];
    private IReadOnlyList<Template> templates = [];
    private string kind = RecipientGroup.List;
    private string? groupId;
    private string? template;
    private string? data;
    private string? error;
    private string? requestId;
    private RequestProgress? progress;
    private bool canSend;
    private bool loading = true;

    [SupplyParameterFromQuery(Name = "list")]
    private string? ListParameter { get; set; }

    [SupplyParameterFromQuery(Name = "audience")]
    private string? AudienceParameter { get; set; }

    [Inject]
    private GroupSender Sender { get; set; } = default!;

    [Inject]
    private ListService Lists { get; set; } = default!;

    [Inject]
    private AudienceService Audiences { get; set; } = default!;

    [Inject]
    private TemplateService Templates { get; set; } = default!;

    [Inject]
    private RequestProgressQuery Progress { get; set; } = default!;

    [Inject]
    private RoleGuard Guard { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<(string Id, string Label)> Choices => kind == RecipientGroup.List ? lists : audienceChoices;

    protected override async Task OnInitializedAsync()
    {
        canSend = await Guard.AllowsAsync(DashboardAction.Edit);
        lists = (await Lists.ListAsync(null, null, MaxChoices)).Items.Select(l => (l.Id, l.Name == l.Id ? l.Id : $"{l.Name} ({l.Id})")).ToList();
        audienceChoices = (await Audiences.ListAsync(null, MaxChoices)).Items
            .Select(a => (a.Id, $"{(string.IsNullOrEmpty(a.Name) ? a.Id : $"{a.Name} ({a.Id})")}, {a.MemberCount:N0} members")).ToList();
        templates = (await Templates.ListAsync(null, null)).Where(t => t.PublishedVersion is not null).ToList();
        if (!string.IsNullOrEmpty(AudienceParameter))
        {
            (kind, groupId) = (RecipientGroup.Audience, AudienceParameter);
        }
        else if (!string.IsNullOrEmpty(ListParameter))
        {
            groupId = ListParameter;
        }

        loading = false;
    }

    private void KindChanged(string value)
    {
        kind = value;
        groupId = null;
    }

    private async Task SendAsync()
    {
        if (!await Guard.EnsureAsync(DashboardAction.Edit))
        {
            return;
        }

        error = null;
        if (groupId is null || template is null)
        {
            error = "Choose a recipient group and a template.";
            return;
        }

        JsonObject? payload = null;
        if (!string.IsNullOrWhiteSpace(data))
        {
            try
            {
                payload = JsonNode.Parse(data) as JsonObject ?? throw new JsonException("it must be an object: { ... }.");
            }
            catch (JsonException e)
            {
                error = $"The data is not a JSON object: {e.Message}";
                return;
            }
        }

        var what = kind == RecipientGroup.List ? "list" : "audience";
        var count = await Sender.CountAsync(kind, groupId);
        if (count is not > 0)
        {
            error = count is null ? $"There is no {what} '{groupId}'." : $"The {what} '{groupId}' has nobody in it: nothing to send.";
            return;
        }

        if (!await ConfirmDialog.AskAsync(Dialogs, "Send to " + what,
                $"Send template '{template}' to {count:N0} {(count == 1 ? "person" : "people")} of the {what} '{groupId}'? Each gets their own message; this cannot be undone.",
                $"Send to {count:N0}"))
        {
            return;
        }

        try
        {
            requestId = await Sender.SendAsync(kind, groupId, template, payload);
        }
        catch (RequestValidationException e)
        {
            error = e.Message;
            return;
        }

        progress = await Progress.GetAsync(requestId);
        _ = FollowAsync(requestId);
    }

    // Polls the request until its expansion ends (or the page closes); the fan-out records progress in its row.
    private async Task FollowAsync(string id)
    {
        using var timer = new PeriodicTimer(PollEvery);
        try
        {
            while (progress is not { Status: FanOutStatus.Completed or FanOutStatus.Failed } && await timer.WaitForNextTickAsync(disposed.Token))
            {
                var latest = await Progress.GetAsync(id, disposed.Token);
                if (id != requestId)
                {
                    return;
                }

                progress = latest;
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Cancelled, not disposed: a poll in flight may still read the token.
        await disposed.CancelAsync();
        GC.SuppressFinalize(this);
    }
}
