using NotificationOps.Engine.Providers;

namespace NotificationOps.Engine.Incidents;

/// <summary>The components the status page shows; Delivery has one sub-component per configured provider.</summary>
public static class StatusComponents
{
    public const string Web = "web";
    public const string Api = "api";
    public const string Delivery = "delivery";
    public const string Webhooks = "webhooks";
    public const string Tracking = "tracking";
    public const string Automations = "automations";
    public const string Observability = "observability";

    private static readonly (string Id, string Name)[] Fixed =
    [
        (Web, "Web Application"),
        (Api, "API"),
        (Delivery, "Delivery"),
        (Webhooks, "Webhooks"),
        (Tracking, "Tracking"),
        (Automations, "Automations"),
        (Observability, "Observability"),
    ];

    public static string Provider(string providerId) => $"{Delivery}/{providerId}";

    /// <summary>Every component, each provider's right after Delivery.</summary>
    public static IReadOnlyList<(string Id, string Name)> All(ProviderRegistry providers)
    {
        var list = new List<(string Id, string Name)>();
        foreach (var component in Fixed)
        {
            list.Add(component);
            if (component.Id == Delivery)
            {
                list.AddRange(providers.All.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => (Provider(p.Id), $"Delivery: {p.Id} ({p.Channel})")));
            }
        }

        return list;
    }

    /// <summary>Whether a client-given id names a component (a provider's, or one of the fixed ones).</summary>
    public static bool IsKnown(string id, ProviderRegistry providers) => All(providers).Any(c => c.Id == id);
}
