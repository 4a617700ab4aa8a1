using System.Text.Json.Nodes;

namespace NotificationOps.Engine.Sending;

/// <summary>One recipient of a send as given in <c>message.to</c>, addresses normalised.</summary>
public sealed record RecipientSpec(string? UserId, string? Email, string? PhoneNumber, JsonObject Raw);
