using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using NotificationOps.Engine.Providers;

namespace NotificationOps.Engine.Tests.TestSupport;

/// <summary>
/// Providers of type "gated" whose calls the test controls: a call to a held address waits until the test releases
/// it; every call answers after a yield (asynchronously, like a real provider), with <see cref="Answer"/>'s result.
/// </summary>
public sealed class GatedProviders : IDeliveryProviderFactory
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> gates = new(StringComparer.Ordinal);

    public string Type => "gated";

    /// <summary>The answer of provider (first) to a message; accepted unless the test says otherwise.</summary>
    public Func<string, OutgoingMessage, ProviderResult> Answer { get; set; } =
        (_, message) => new ProviderResult(ProviderOutcome.Accepted) { ProviderMessageId = $"gated-{message.MessageId}-{message.AttemptNumber}" };

    /// <summary>Every call that reached a provider, as provider id and recipient address.</summary>
    public ConcurrentQueue<(string Provider, string To)> Calls { get; } = new();

    /// <summary>Settings for providers with these ids on the email channel, tried in the order given.</summary>
    public static Dictionary<string, string?> Settings(params string[] ids)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < ids.Length; i++)
        {
            settings[$"Providers:{ids[i]}:Type"] = "gated";
            settings[$"Providers:{ids[i]}:Channel"] = "email";
            settings[$"Providers:{ids[i]}:Priority"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>Calls to <paramref name="address"/> wait from now on until <see cref="Release"/>.</summary>
    public void Hold(string address) => gates[address] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string address) => gates[address].TrySetResult();

    public IDeliveryProvider Create(string id, ProviderOptions common, IConfigurationSection section) => new Gated(this, id, common);

    private sealed class Gated(GatedProviders owner, string id, ProviderOptions common) : IDeliveryProvider
    {
        public string Id => id;

        public string Type => "gated";

        public string Channel => common.Channel;

        public int Priority => common.Priority;

        public async Task<ProviderResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            owner.Calls.Enqueue((id, message.To));
            await Task.Yield();
            if (owner.gates.TryGetValue(message.To, out var gate))
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            return owner.Answer(id, message);
        }
    }
}
