using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Api;

public static class ApiPolicies
{
    /// <summary>Authenticated by an API key (Bearer), never by the dashboard cookie.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>The policy requiring an API key with <paramref name="scope"/> (one of <see cref="ApiScopes"/>).</summary>
    public static string Scope(string scope) => $"ApiScope:{scope}";

    /// <summary>An API key when the request carries <c>Authorization: Bearer</c>, else the dashboard's sign-in (the OpenAPI document).</summary>
    public const string ApiKeyOrDashboard = "ApiKeyOrDashboard";

    /// <summary><c>/metrics</c>: an API key with the <c>metrics</c> scope, or any signed-in dashboard user.</summary>
    public const string MetricsScrape = "MetricsScrape";

    /// <summary>
    /// The authentication scheme of <see cref="MetricsScrape"/>: as <see cref="ApiKeyOrDashboard"/>, but a request with
    /// neither a key nor a sign-in is answered 401, not redirected to the sign-in page (a scraper would follow the
    /// redirect and read the page's HTML as metrics).
    /// </summary>
    public const string MetricsScheme = "MetricsScrapeScheme";
}
