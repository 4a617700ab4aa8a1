namespace NotificationOps.Engine.Observability;

/// <summary>The latest gauge readings, swapped whole by the evaluation job so a scrape reads one consistent set.</summary>
public sealed class OperationsGauges
{
    private volatile GaugeReadings current = GaugeReadings.Empty;

    public GaugeReadings Current => current;

    public void Publish(GaugeReadings readings) => current = readings;
}
