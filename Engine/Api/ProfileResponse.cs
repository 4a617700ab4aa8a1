using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>GET /api/profiles/{user_id}</c>, as Courier's: the stored profile, and preferences (not kept here: null).</summary>
public sealed record ProfileResponse(
    [property: JsonPropertyName("profile")] JsonObject Profile,
    [property: JsonPropertyName("preferences")] JsonObject? Preferences);
