using System.ComponentModel.DataAnnotations;

namespace NotificationOps.Engine.Retention;

/// <summary>How long messages are kept (section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Messages enqueued more than this many days ago are deleted with their history, attempts, tracking hits,
    /// tracked links and tags; the daily analytics rollups stay. 0 keeps everything.
    /// </summary>
    [Range(0, 36500, ErrorMessage = "Retention:MessageDays must be between 0 (keep everything) and 36500.")]
    public int MessageDays { get; set; }
}
