using NotificationOps.Engine.Observability;

namespace NotificationOps.Engine.Tests.Observability;

/// <summary>Processors as busy as a test says.</summary>
public sealed class FixedCpuPressure(double busy) : CpuPressure
{
    public override double Busy => busy;
}
