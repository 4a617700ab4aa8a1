using System.ComponentModel.DataAnnotations;

namespace NotificationOps.Engine.Jobs;

/// <summary>The in-process job server (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Hangfire workers in this process.</summary>
    [Range(1, 200)]
    public int WorkerCount { get; set; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>
    /// How often the recovery sweep resumes due work whose job was lost (besides once at start-up). Up to 59 it is
    /// a step within each minute (<c>*/N</c> seconds); 60 means once a minute.
    /// </summary>
    [Range(1, 60)]
    public int RecoverySweepSeconds { get; set; } = 5;

    /// <summary>The recovery sweep's schedule as a Hangfire cron expression with a seconds field.</summary>
    public string RecoverySweepCron => RecoverySweepSeconds >= 60 ? "0 * * * * *" : $"*/{RecoverySweepSeconds} * * * * *";

    public const string MemoryStorage = "memory";

    public const string SqliteStorage = "sqlite";

    public const string PostgreSqlStorage = "postgresql";

    /// <summary>
    /// Where Hangfire keeps its queues: <c>memory</c> (lost on restart; the recovery sweep re-enqueues from the
    /// database), <c>sqlite</c> (a file of its own beside the SQLite database, one process per file; see
    /// <see cref="SqliteJobStorage"/>) or <c>postgresql</c> (the store's PostgreSQL database, schema <c>hangfire</c>;
    /// shared by every instance). Empty: <c>postgresql</c> when <c>Database:Provider</c> is postgresql, else <c>memory</c>.
    /// </summary>
    public string? Storage { get; set; }

    /// <summary>Turns the job server off, e.g. for a read-only dashboard instance.</summary>
    public bool ServerEnabled { get; set; } = true;
}
