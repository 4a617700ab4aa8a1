namespace NotificationOps.Engine.Jobs;

/// <summary>The job storage this host runs on, for the start-up work that depends on it (installing its schema).</summary>
public sealed record JobStorageChoice(JobStorageKind Kind);
