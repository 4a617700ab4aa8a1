using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Automations;

/// <summary>Hands run status changes to every registered <see cref="IRunChangeSink"/>, inside the caller's transaction.</summary>
public sealed class RunChangeSinks(IEnumerable<IRunChangeSink> sinks)
{
    public async Task WriteAsync(NotificationsDbContext db, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
        {
            return;
        }

        foreach (var sink in sinks)
        {
            await sink.WriteAsync(db, runIds, cancellationToken);
        }
    }
}
