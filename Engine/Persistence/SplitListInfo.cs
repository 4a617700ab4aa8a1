using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Persistence;

/// <summary>A filter list read as one index range per value (see <see cref="MessagePageSqlBuilder"/>), and the filter without it.</summary>
internal sealed record SplitListInfo(string Column, string Prefix, IReadOnlyList<object> Values, MessageFilter Rest);
