namespace NotificationOps.Engine.Api;

/// <summary>Courier's invoke answer: <c>{"runId": ...}</c>.</summary>
public sealed record AutomationInvokeResponse(string RunId);
