using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Observability;

public sealed class CpuPressureTests
{
    [Fact]
    public void ParseProcStat_CountsIdleAndIowaitAsIdle_AndTheFirstEightFields()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        var (busy, total) = CpuPressure.ParseProcStat("cpu  100 5 50 800 20 3 2 0 40 0");

        Assert.Equal(980, total);
        Assert.Equal(160, busy);
    }

    [Fact]
    public async Task Busy_IsAShareBetweenZeroAndOne_RisingWhileAThreadSpins()
    {
        var pressure = new CpuPressure();
        _ = pressure.Busy; // the first sample
        using var stop = new CancellationTokenSource();
        var spinner = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(1000);
            }
        });
        try
        {
            var seen = await Eventually.ReturnsAsync(() => Task.FromResult(pressure.Busy), busy => busy > 0, "a spinning thread to show as busy processors");

            Assert.InRange(seen, 0, 1);
            Assert.True(seen > 0, "a spinning thread did not show as busy processors");
        }
        finally
        {
            await stop.CancelAsync();
            await spinner;
        }
    }
}
