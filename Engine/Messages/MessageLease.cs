using System.Linq.Expressions;

namespace NotificationOps.Engine.Messages;

/// <summary>
/// Who may work on a message now, written once: in the database (a query's WHERE) and in memory (a cheap look
/// before the query) the same predicates apply. A send job holds a message until <see cref="Message.LeaseUntil"/>;
/// a crashed job's hold simply expires.
/// </summary>
public static class MessageLease
{
    private static readonly Expression<Func<Message, DateTimeOffset, bool>> UnheldAt =
        (m, now) => m.LeaseUntil == null || m.LeaseUntil <= now;

    private static readonly Expression<Func<Message, DateTimeOffset, bool>> TakeableAt = Combine(
        (m, now) => MessageStatusMachine.SendableStatuses.Contains(m.Status) && m.NextAttemptAt != null,
        UnheldAt);

    private static readonly Func<Message, DateTimeOffset, bool> UnheldInMemory = UnheldAt.Compile();

    private static readonly Func<Message, DateTimeOffset, bool> TakeableInMemory = TakeableAt.Compile();

    /// <summary>No job holds the message at <paramref name="now"/>.</summary>
    public static Expression<Func<Message, bool>> Unheld(DateTimeOffset now) => Bind(UnheldAt, now);

    /// <summary>A send job may take the message at <paramref name="now"/>: sendable, an attempt pending, nobody holding it.</summary>
    public static Expression<Func<Message, bool>> Takeable(DateTimeOffset now) => Bind(TakeableAt, now);

    public static bool IsUnheld(Message message, DateTimeOffset now) => UnheldInMemory(message, now);

    public static bool IsTakeable(Message message, DateTimeOffset now) => TakeableInMemory(message, now);

    /// <summary>Fixes the time; it stays a closure value, so EF sends it as a parameter and reuses the query plan.</summary>
    private static Expression<Func<Message, bool>> Bind(Expression<Func<Message, DateTimeOffset, bool>> predicate, DateTimeOffset now)
    {
        var at = new Moment(now);
        var body = new Replace(predicate.Parameters[1], Expression.Field(Expression.Constant(at), nameof(Moment.Value))).Visit(predicate.Body)!;
        return Expression.Lambda<Func<Message, bool>>(body, predicate.Parameters[0]);
    }

    private static Expression<Func<Message, DateTimeOffset, bool>> Combine(
        Expression<Func<Message, DateTimeOffset, bool>> left, Expression<Func<Message, DateTimeOffset, bool>> right)
    {
        var rightBody = new Replace(right.Parameters[0], left.Parameters[0]).Visit(new Replace(right.Parameters[1], left.Parameters[1]).Visit(right.Body))!;
        return Expression.Lambda<Func<Message, DateTimeOffset, bool>>(Expression.AndAlso(left.Body, rightBody), left.Parameters);
    }

    private sealed class Moment(DateTimeOffset value)
    {
        public readonly DateTimeOffset Value = value;
    }

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
