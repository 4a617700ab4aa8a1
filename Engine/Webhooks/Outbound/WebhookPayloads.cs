using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationOps.Engine.Api;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Incidents;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// The bodies: <c>{"type": …, "data": …}</c> as Courier sends them. For message events, <c>data</c> is the message as
/// <c>GET /api/messages/{id}</c> answers it when the body is built (at the first attempt), with <c>status</c> the
/// status this event reports; opens and clicks add the hit under <c>data.tracking</c>.
/// </summary>
public static class WebhookPayloads
{
    public static string ForMessage(WebhookDelivery delivery, Message? message)
    {
        JsonObject data;
        if (message is null)
        {
            // Deleted by retention before its first attempt: what the row itself knows.
            data = new JsonObject { ["id"] = delivery.MessageId, ["status"] = delivery.Status };
        }
        else
        {
            var details = MessageDetailsResponse.From(message);
            if (delivery.Status is not null)
            {
                details = details with { Status = delivery.Status };
            }

            data = JsonSerializer.SerializeToNode(details)!.AsObject();
        }

        if (delivery.Detail is not null && delivery.EventType != MessageChange.Updated)
        {
            data["tracking"] = JsonNode.Parse(delivery.Detail);
        }

        return new JsonObject { ["type"] = delivery.EventType, ["data"] = data }.ToJsonString();
    }

    /// <summary><c>automation:run-updated</c>: <c>data</c> is the run with its steps, as <c>GET /api/automations/runs/{id}</c> answers it.</summary>
    public static string ForRun(AutomationRun run, IReadOnlyList<AutomationRunStep> steps) =>
        new JsonObject
        {
            ["type"] = WebhookEvents.RunUpdated,
            ["data"] = JsonSerializer.SerializeToNode(AutomationRunResponse.From(run, steps)),
        }.ToJsonString();

    /// <summary><c>incident:updated</c>: the change an alert reports.</summary>
    public static string ForIncident(IncidentChange change) =>
        new JsonObject
        {
            ["type"] = WebhookEvents.IncidentUpdated,
            ["data"] = new JsonObject
            {
                ["incident_id"] = change.IncidentId,
                ["title"] = change.Title,
                ["change"] = change.Kind.ToString().ToLowerInvariant(),
                ["status"] = StatusNames.Of(change.Status),
                ["body"] = change.Body,
                ["alert_note"] = change.AlertNote,
            },
        }.ToJsonString();

    public static string ForTest(string endpointId, DateTimeOffset at) =>
        new JsonObject
        {
            ["type"] = WebhookEvents.Test,
            ["data"] = new JsonObject
            {
                ["endpoint_id"] = endpointId,
                ["sent"] = at.ToUnixTimeMilliseconds(),
                ["message"] = "A test event from NotificationOps: your endpoint receives and verifies our webhooks.",
            },
        }.ToJsonString();
}
