namespace NotificationOps.Engine.Sending;

/// <summary>The answer to an accepted send: the request id and the message ids it created.</summary>
public sealed record SendAccepted(string RequestId, IReadOnlyList<string> MessageIds);
