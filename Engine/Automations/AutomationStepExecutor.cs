using System.Text.Json.Nodes;
using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Profiles;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Does one step (every action but delay, which the runner handles as a wait). Sends go through the one send path
/// (<see cref="SendService"/>) with an id derived from run and step, so a step that runs twice sends once: a send-list
/// step's derived id is its fan-out's request id, and each member's message id derives from that.
/// </summary>
public sealed class AutomationStepExecutor(
    SendService sender,
    ProfileService profiles,
    AutomationRunOperations operations,
    AutomationFetcher fetcher,
    AutomationTemplates templates,
    AutomationInvoker invoker,
    AutomationSentMessages sent,
    ListService lists)
{
    public Task<AutomationStepResult> ExecuteAsync(AutomationRunState state, AutomationRunStep step, JsonObject definition, CancellationToken cancellationToken) =>
        step.Action switch
        {
            AutomationActions.Send => SendAsync(state, step, definition, cancellationToken),
            AutomationActions.UpdateProfile => UpdateProfileAsync(state, definition, cancellationToken),
            AutomationActions.Cancel => CancelAsync(state, definition, cancellationToken),
            AutomationActions.FetchData => fetcher.FetchAsync(state, definition, cancellationToken),
            AutomationActions.Invoke => InvokeAsync(state, step, definition, cancellationToken),
            AutomationActions.SendList => SendListAsync(state, step, definition, cancellationToken),
            _ => throw new AutomationStepException("action", $"Unknown action '{step.Action}'.", permanent: true),
        };

    private async Task<AutomationStepResult> SendAsync(AutomationRunState state, AutomationRunStep step, JsonObject definition, CancellationToken cancellationToken)
    {
        var messageId = AutomationIds.ForStep(state.Run.Id, step.Index);
        if (await sent.ExistsAsync(messageId, cancellationToken))
        {
            return Result(messageId); // sent by an earlier try of this step that did not get to record it
        }

        var recipient = Text(definition, "recipient") ?? state.Run.Recipient;
        var profile = definition["profile"] is JsonObject extra ? MergeStrategy.Apply(MergeStrategy.Overwrite, state.Profile, extra) : state.Profile;
        var data = definition["data"] is JsonObject stepData ? MergeStrategy.Apply(MergeStrategy.Overwrite, state.Data, stepData) : state.Data;
        var to = (JsonObject)profile.DeepClone();
        if (recipient is not null)
        {
            to["user_id"] = recipient;
        }

        await SendThroughPipelineAsync(state, definition, to, data, messageId, cancellationToken);
        return Result(messageId);
    }

    /// <summary>
    /// A fan-out to one list through the one send path (<c>to: {list_id}</c>); the request id derives from run and
    /// step, so a step that runs again finds its request (or its members' messages) and does not fan out twice.
    /// </summary>
    private async Task<AutomationStepResult> SendListAsync(AutomationRunState state, AutomationRunStep step, JsonObject definition, CancellationToken cancellationToken)
    {
        var requestId = AutomationIds.ForStep(state.Run.Id, step.Index);
        if (await sent.ExistsAsync(requestId, cancellationToken))
        {
            return ListResult(requestId);
        }

        var listId = Text(definition, "list")!;
        // Refused rather than an expansion that reaches nobody: the list can be created and the run retried.
        if (await lists.GetAsync(listId, cancellationToken) is null)
        {
            throw new AutomationStepException("list", $"No list '{listId}' (or it is archived).", permanent: true);
        }

        var data = definition["data"] is JsonObject stepData ? MergeStrategy.Apply(MergeStrategy.Overwrite, state.Data, stepData) : state.Data;
        await SendThroughPipelineAsync(state, definition, new JsonObject { ["list_id"] = listId }, data, requestId, cancellationToken);
        return ListResult(requestId);
    }

    private async Task SendThroughPipelineAsync(AutomationRunState state, JsonObject definition, JsonObject to, JsonObject data, string requestId, CancellationToken cancellationToken)
    {
        var template = Text(definition, "template") ?? state.Run.MessageTemplate
            ?? throw new AutomationStepException("template", $"The {Text(definition, "action")} step names no template, and the run has none.", permanent: true);
        var message = new JsonObject { ["to"] = to, ["template"] = template, ["data"] = data.DeepClone() };
        if ((Text(definition, "brand") ?? state.Run.Brand) is { } brand)
        {
            message["brand_id"] = brand;
        }

        var request = SendRequestParser.Parse(new JsonObject { ["message"] = message }) with { RequestId = requestId };
        await sender.AcceptAsync(request, AutomationEventSources.Automation, cancellationToken);
    }

    private async Task<AutomationStepResult> UpdateProfileAsync(AutomationRunState state, JsonObject definition, CancellationToken cancellationToken)
    {
        var userId = Text(definition, "recipient_id") ?? state.Run.Recipient
            ?? throw new AutomationStepException("recipient_id", "update-profile needs a recipient: the run has none and the step names no recipient_id.", permanent: true);
        var strategy = Text(definition, "merge") ?? MergeStrategy.Overwrite;
        var changes = definition["profile"]!.AsObject();
        var stored = await profiles.GetAsync(userId, cancellationToken) ?? new JsonObject();
        var merged = MergeStrategy.Apply(strategy, stored, changes);
        ProfileService.Validate(merged, "profile");
        if (strategy != MergeStrategy.None)
        {
            await profiles.ReplaceAsync(userId, merged, cancellationToken);
        }

        if (userId == state.Run.Recipient)
        {
            state.Profile = MergeStrategy.Apply(strategy, state.Profile, changes);
        }

        return new AutomationStepResult(null, merged);
    }

    private async Task<AutomationStepResult> CancelAsync(AutomationRunState state, JsonObject definition, CancellationToken cancellationToken)
    {
        var token = AutomationText.Render(Text(definition, "cancelation_token")!, state.Data, state.Profile, state.Refs);
        var canceled = await operations.CancelByTokenAsync(token, state.Run.Id, cancellationToken);
        return new AutomationStepResult(null, new JsonObject { ["token"] = token, ["canceled"] = canceled });
    }

    private async Task<AutomationStepResult> InvokeAsync(AutomationRunState state, AutomationRunStep step, JsonObject definition, CancellationToken cancellationToken)
    {
        var templateId = Text(definition, "template")!;
        var invocation = await templates.InvocationAsync(templateId, published: true, cancellationToken)
            ?? throw new AutomationStepException("template", $"No published automation template '{templateId}'.", permanent: true);
        var runId = await invoker.StartAsync(invocation with
        {
            RunId = AutomationIds.ForStep(state.Run.Id, step.Index),
            Recipient = state.Run.Recipient,
            Data = (JsonObject)state.Data.DeepClone(),
            Profile = (JsonObject)state.Profile.DeepClone(),
            Brand = state.Run.Brand,
        }, cancellationToken);
        return new AutomationStepResult(runId, new JsonObject { ["run_id"] = runId });
    }

    private static AutomationStepResult Result(string messageId) => new(messageId, new JsonObject { ["message_id"] = messageId });

    private static AutomationStepResult ListResult(string requestId) => new(requestId, new JsonObject { ["request_id"] = requestId });

    private static string? Text(JsonObject obj, string name) => obj[name] is JsonValue value ? value.GetValue<string>() : null;
}
