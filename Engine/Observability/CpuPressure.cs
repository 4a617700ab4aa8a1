using System.Globalization;

namespace NotificationOps.Engine.Observability;

/// <summary>
/// How busy the processors were lately, 0 to 1: on Linux every process's share (<c>/proc/stat</c>), elsewhere this
/// process's own CPU time over its share of the cores. Sampled when asked, at most once per <see cref="Window"/>.
/// </summary>
public class CpuPressure
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    private readonly Lock gate = new();
    private readonly bool machineWide = File.Exists("/proc/stat");
    private (long Busy, long Total) last;
    private long lastTicks = long.MinValue;
    private double busy;

    /// <summary>The busy share over the last completed window.</summary>
    public virtual double Busy
    {
        get
        {
            lock (gate)
            {
                var now = Environment.TickCount64;
                if (lastTicks == long.MinValue || now - lastTicks >= Window.TotalMilliseconds)
                {
                    var sample = Sample();
                    if (lastTicks != long.MinValue && sample.Total > last.Total)
                    {
                        busy = Math.Clamp((double)(sample.Busy - last.Busy) / (sample.Total - last.Total), 0, 1);
                    }

                    (last, lastTicks) = (sample, now);
                }

                return busy;
            }
        }
    }

    private (long Busy, long Total) Sample()
    {
        if (machineWide)
        {
            try
            {
                return ParseProcStat(File.ReadLines("/proc/stat").First());
            }
            catch (IOException)
            {
            }
        }

        // This process alone: its CPU time against the wall time of every core, in the same units (ticks of 100 ns).
        return (Environment.CpuUsage.TotalTime.Ticks, Environment.TickCount64 * TimeSpan.TicksPerMillisecond * Environment.ProcessorCount);
    }

    /// <summary>
    /// The first line of <c>/proc/stat</c> (<c>cpu user nice system idle iowait irq softirq steal …</c>, in clock ticks):
    /// busy is everything but idle and iowait, total the first eight fields.
    /// </summary>
    public static (long Busy, long Total) ParseProcStat(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        return (total - idle, total);
    }
}
