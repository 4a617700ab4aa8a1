using System.Data.Common;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Opens a context's connection with ADO.NET rather than EF Core's open (which registers its SQL functions on every
/// open), still with the per-connection setup the store needs. Callers outside Persistence stay free of which
/// database it is and what that setup is.
/// </summary>
public static class RawConnection
{
    public static async Task OpenAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await connection.OpenAsync(cancellationToken);
        try
        {
            await SqlitePragmaInterceptor.ApplyOnceAsync(connection, cancellationToken);
        }
        catch
        {
            await connection.CloseAsync();
            throw;
        }
    }
}
