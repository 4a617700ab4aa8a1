namespace NotificationOps.Engine.Sending;

/// <summary>
/// The Idempotency-Key a request holds while it runs (<see cref="IdempotencyMiddleware"/> puts it in the request's
/// features): an endpoint whose work is one transaction can store its answer in that transaction
/// (<see cref="IdempotentAnswer"/>), so a process that dies after the commit replays the answer instead of running the
/// request a second time.
/// </summary>
public sealed record IdempotencyHold(string Scope, string Key, DateTimeOffset Lease);
