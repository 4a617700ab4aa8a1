namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// At most one delivery job per endpoint runs in this process: that is what bounds the endpoint's concurrency and
/// keeps one message's events in order. A request while a job runs asks it to look again before it stops, instead
/// of queuing another job; a job that never started (a lost Hangfire job) stops counting after a while.
/// </summary>
public sealed class WebhookEndpointRuns(TimeProvider time)
{
    private static readonly TimeSpan QueuedPatience = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, (RunState State, DateTimeOffset Since)> runs = new(StringComparer.Ordinal);

    private enum RunState
    {
        Queued,
        Running,
        RunningLookAgain,
    }

    /// <summary>True when the caller must enqueue a job for the endpoint; false when one is queued or running already.</summary>
    public bool Request(string endpointId)
    {
        lock (runs)
        {
            var now = time.GetUtcNow();
            if (!runs.TryGetValue(endpointId, out var run) || (run.State == RunState.Queued && now - run.Since > QueuedPatience))
            {
                runs[endpointId] = (RunState.Queued, now);
                return true;
            }

            if (run.State == RunState.Running)
            {
                runs[endpointId] = (RunState.RunningLookAgain, run.Since);
            }

            return false;
        }
    }

    /// <summary>True when the job may run; false when another runs (it will look again).</summary>
    public bool TryStart(string endpointId)
    {
        lock (runs)
        {
            if (runs.TryGetValue(endpointId, out var run) && run.State != RunState.Queued)
            {
                runs[endpointId] = (RunState.RunningLookAgain, run.Since);
                return false;
            }

            runs[endpointId] = (RunState.Running, time.GetUtcNow());
            return true;
        }
    }

    /// <summary>True when the job must look again (work arrived meanwhile); otherwise the endpoint is released.</summary>
    public bool LookAgain(string endpointId)
    {
        lock (runs)
        {
            if (runs.TryGetValue(endpointId, out var run) && run.State == RunState.RunningLookAgain)
            {
                runs[endpointId] = (RunState.Running, run.Since);
                return true;
            }

            runs.Remove(endpointId);
            return false;
        }
    }

    public void Release(string endpointId)
    {
        lock (runs)
        {
            runs.Remove(endpointId);
        }
    }
}
