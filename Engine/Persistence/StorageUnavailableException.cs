namespace NotificationOps.Engine.Persistence;

/// <summary>The store did not take a write within the time the caller may wait (see <see cref="StorageFaults"/>).</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
