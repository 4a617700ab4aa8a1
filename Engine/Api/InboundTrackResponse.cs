namespace NotificationOps.Engine.Api;

/// <summary>Courier's inbound answer: <c>{"messageId": ...}</c>.</summary>
public sealed record InboundTrackResponse(string MessageId);
