using System.ComponentModel.DataAnnotations;

namespace NotificationOps.Engine.Providers.Simulated;

/// <summary>The simulated provider's keys under Providers:&lt;id&gt; besides Type/Channel/Priority/Enabled.</summary>
public sealed class SimulatedOptions
{
    /// <summary>How long after acceptance the simulated delivery receipt arrives.</summary>
    [Range(0, 3_600_000)]
    public int DeliveryDelayMs { get; set; } = 1000;

    /// <summary>Share of attempts (0..1) that fail transiently (as a 503 would).</summary>
    [Range(0.0, 1.0)]
    public double TransientFailureRate { get; set; }

    /// <summary>Share of attempts (0..1) that fail permanently (as a rejected recipient would).</summary>
    [Range(0.0, 1.0)]
    public double PermanentFailureRate { get; set; }
}
