namespace NotificationOps.Engine.Api;

public static class ApiPolicies
{
    /// <summary>Authenticated by an API key (Bearer), never by the dashboard cookie.</summary>
    public const string ApiKey = "ApiKey";
}
