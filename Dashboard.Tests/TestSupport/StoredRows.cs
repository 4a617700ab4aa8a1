namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>How many rows the store holds, compared before and after a request that must store nothing.</summary>
public sealed record StoredRows(int Messages, int MessageEvents, int MessageTags, int DeliveryAttempts, int Profiles);
