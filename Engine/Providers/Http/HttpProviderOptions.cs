namespace NotificationOps.Engine.Providers.Http;

/// <summary>Keys every HTTP provider has besides the common ones: where its API lives.</summary>
public abstract class HttpProviderOptions
{
    /// <summary>The API's base URL; the provider's public one when empty. Tests point it at a loopback fake.</summary>
    public string? BaseUrl { get; set; }

    protected abstract string DefaultBaseUrl { get; }

    public Uri BaseUri => new((string.IsNullOrWhiteSpace(BaseUrl) ? DefaultBaseUrl : BaseUrl).TrimEnd('/') + "/");

    /// <summary>Every problem, each naming its key under <paramref name="path"/>.</summary>
    public IEnumerable<string> Validate(string path)
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !IsHttpUrl(BaseUrl))
        {
            yield return $"{path}:BaseUrl must be an absolute http(s) URL (was \"{BaseUrl}\").";
        }

        foreach (var error in ValidateOwn(path))
        {
            yield return error;
        }
    }

    protected abstract IEnumerable<string> ValidateOwn(string path);

    protected static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    protected static IEnumerable<string> Required(string path, params (string Key, string? Value)[] keys) =>
        keys.Where(k => string.IsNullOrWhiteSpace(k.Value)).Select(k => $"{path}:{k.Key} is required.");
}
