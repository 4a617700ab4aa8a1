using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Lists;

/// <summary>
/// A page of members, the messages built for them, and the rows to store for them: <see cref="TagOwners"/> gives
/// each tag row's message by its position in <see cref="Messages"/>.
/// </summary>
internal sealed record FanOutBatch(List<string> Members, List<Message> Messages, StagedRows MessageRows, StagedRows EventRows, StagedRows TagRows, int[] TagOwners);
