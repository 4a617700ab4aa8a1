namespace NotificationOps.Engine.Sending;

/// <summary>
/// Who decides a send batch's fate, decided once: the writer takes it (it will be committed or rolled back, and the
/// request waits for that) or the request abandons it after its timeout (it will never be written, and the request
/// answers 503). Whichever comes first wins; the other sees it lost.
/// </summary>
public sealed class IntakeClaim
{
    private const int Open = 0;
    private const int Taken = 1;
    private const int Abandoned = 2;
    private int state;

    /// <summary>The writer's side: true when the batch is now the writer's to commit.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref state, Taken, Open) == Open;

    /// <summary>The request's side: true when the batch will now never be written.</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref state, Abandoned, Open) == Open;
}
