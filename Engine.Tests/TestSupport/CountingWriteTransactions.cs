using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Tests.TestSupport;

/// <summary>The engine's own <see cref="IWriteTransactions"/> (SQLite's or PostgreSQL's), counting the transactions begun.</summary>
public sealed class CountingWriteTransactions(IWriteTransactions inner) : IWriteTransactions
{
    private int begun;

    public int Begun => Volatile.Read(ref begun);

    /// <summary>Puts a counter in front of the registered implementation (resolve IWriteTransactions to read it).</summary>
    public static void Install(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IWriteTransactions)).ImplementationType!;
        services.AddSingleton<IWriteTransactions>(provider => new CountingWriteTransactions((IWriteTransactions)ActivatorUtilities.CreateInstance(provider, registered)));
    }

    public Task<IWriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref begun);
        return inner.BeginAsync(db, cancellationToken);
    }
}
