using System.ComponentModel.DataAnnotations;

namespace NotificationOps.Engine.Jobs;

/// <summary>The in-process job server (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Hangfire workers in this process.</summary>
    [Range(1, 200)]
    public int WorkerCount { get; set; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>Turns the job server off, e.g. for a read-only dashboard instance.</summary>
    public bool ServerEnabled { get; set; } = true;
}
