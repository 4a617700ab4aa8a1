namespace NotificationOps.Engine.Observability;

/// <summary>
/// Counts this instance's /api requests and their 5xx answers in 10-second buckets. The buckets are only a buffer:
/// <see cref="ApiRequestFlusher"/> writes each completed one to the shared store, where the API rule adds up every
/// instance's (the evaluation runs on one instance and must judge the requests all of them served).
/// </summary>
public sealed class ApiRequestWindow(TimeProvider time)
{
    public const int BucketSeconds = 10;
    private const int Buckets = 361; // one hour and one bucket: what is not flushed by then is overwritten

    private readonly long[] starts = new long[Buckets];
    private readonly long[] requests = new long[Buckets];
    private readonly long[] errors = new long[Buckets];
    private readonly Lock gate = new();
    private long flushedThrough = time.GetUtcNow().ToUnixTimeSeconds() / BucketSeconds - 1;

    /// <summary>This instance's name in the stored samples (their label): unique per process.</summary>
    public string Instance { get; } = Name($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

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

    /// <summary>
    /// The buckets that ended since the last <see cref="MarkFlushed"/> and saw requests, oldest first; with
    /// <paramref name="includeCurrent"/> (at shutdown) the running one too.
    /// </summary>
    public IReadOnlyList<ApiRequestBucket> Unflushed(bool includeCurrent = false)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds() / BucketSeconds;
        var last = includeCurrent ? now : now - 1;
        var found = new List<ApiRequestBucket>();
        lock (gate)
        {
            for (var slot = 0; slot < Buckets; slot++)
            {
                if (starts[slot] > flushedThrough && starts[slot] <= last && requests[slot] > 0)
                {
                    found.Add(new ApiRequestBucket(DateTimeOffset.FromUnixTimeSeconds(starts[slot] * BucketSeconds), requests[slot], errors[slot]));
                }
            }
        }

        return found.OrderBy(b => b.Start).ToList();
    }

    /// <summary>Every bucket up to and including the one starting at <paramref name="start"/> is stored.</summary>
    public void MarkFlushed(DateTimeOffset start)
    {
        lock (gate)
        {
            flushedThrough = Math.Max(flushedThrough, start.ToUnixTimeSeconds() / BucketSeconds);
        }
    }

    private static string Name(string name) => name.Length > 100 ? name[^100..] : name; // the label's column length
}
