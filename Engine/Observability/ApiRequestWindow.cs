namespace NotificationOps.Engine.Observability;

/// <summary>
/// Counts /api requests and their 5xx answers in 10-second buckets for the API rule. In memory and per instance:
/// each instance judges the requests it served (the Prometheus histogram carries the same numbers per route).
/// </summary>
public sealed class ApiRequestWindow(TimeProvider time)
{
    private const int BucketSeconds = 10;
    private const int Buckets = 361; // one hour and one bucket: the longest window the options allow

    private readonly long[] starts = new long[Buckets];
    private readonly long[] requests = new long[Buckets];
    private readonly long[] errors = new long[Buckets];
    private readonly Lock gate = new();

    public void Record(int statusCode)
    {
        var bucket = time.GetUtcNow().ToUnixTimeSeconds() / BucketSeconds;
        var slot = (int)(bucket % Buckets);
        lock (gate)
        {
            if (starts[slot] != bucket)
            {
                starts[slot] = bucket;
                requests[slot] = 0;
                errors[slot] = 0;
            }

            requests[slot]++;
            if (statusCode >= 500)
            {
                errors[slot]++;
            }
        }
    }

    /// <summary>Requests and 5xx answers in the last <paramref name="seconds"/>.</summary>
    public (long Requests, long Errors) Totals(int seconds)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds() / BucketSeconds;
        var oldest = now - (Math.Min(seconds, (Buckets - 1) * BucketSeconds) / BucketSeconds);
        long total = 0, failed = 0;
        lock (gate)
        {
            for (var slot = 0; slot < Buckets; slot++)
            {
                if (starts[slot] > oldest && starts[slot] <= now)
                {
                    total += requests[slot];
                    failed += errors[slot];
                }
            }
        }

        return (total, failed);
    }
}
