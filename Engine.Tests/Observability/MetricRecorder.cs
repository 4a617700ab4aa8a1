using System.Diagnostics.Metrics;

namespace NotificationOps.Engine.Tests.Observability;

/// <summary>
/// Listens to one instrument of one meter factory (tests run in parallel, each with its own factory, and all their
/// meters share the engine's name) and keeps each measurement with its tags.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<(double Value, Dictionary<string, object?> Tags)> measurements = [];
    private readonly Lock gate = new();

    public MetricRecorder(IMeterFactory factory, string instrumentName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == instrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (gate)
            {
                measurements.Add((value, copy));
            }
        });
        listener.Start();
    }

    public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Measurements
    {
        get
        {
            lock (gate)
            {
                return measurements.ToList();
            }
        }
    }

    public void Dispose() => listener.Dispose();
}
