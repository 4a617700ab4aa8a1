namespace NotificationOps.Engine.Automations;

/// <summary>
/// A step that could not be done. <see cref="Permanent"/> failures (a bad field, an unsupported action) fail the
/// run at once; others are retried with backoff within the step's budget.
/// </summary>
public sealed class AutomationStepException(string field, string message, bool permanent = false, Exception? inner = null)
    : Exception(message, inner)
{
    public string Field { get; } = field;

    public bool Permanent { get; } = permanent;

    /// <summary>Courier-style code on the step's error, e.g. UNSUPPORTED.</summary>
    public string? Code { get; init; }
}
