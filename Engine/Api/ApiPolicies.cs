namespace NotificationOps.Engine.Api;

public static class ApiPolicies
{
    /// <summary>Authenticated by an API key (Bearer), never by the dashboard cookie.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>An API key when the request carries <c>Authorization: Bearer</c>, else the dashboard's sign-in (the OpenAPI document).</summary>
    public const string ApiKeyOrDashboard = "ApiKeyOrDashboard";
}
