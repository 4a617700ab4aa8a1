using Microsoft.AspNetCore.Authorization;

namespace NotificationOps.Engine.Api;

/// <summary>The API key must hold <see cref="Scope"/> (or <c>admin</c>).</summary>
public sealed record ApiScopeRequirement(string Scope) : IAuthorizationRequirement;
