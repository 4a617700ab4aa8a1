namespace NotificationOps.Engine.Messages;

public sealed record MessagePage(IReadOnlyList<Message> Items, MessageCursor? Next);
