using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Tests.Lists;

public sealed class MemberMessageIdTests
{
    [Fact]
    public void MemberMessageId_IsTheSame_ForTheSameRequestMemberAndSplit()
    {
        var request = MessageIds.New();

        Assert.Equal(SendMessageFactory.MemberMessageId(request, "ada", 0), SendMessageFactory.MemberMessageId(request, "ada", 0));
        Assert.NotEqual(SendMessageFactory.MemberMessageId(request, "ada", 0), SendMessageFactory.MemberMessageId(request, "ada", 1));
        Assert.NotEqual(SendMessageFactory.MemberMessageId(request, "ada", 0), SendMessageFactory.MemberMessageId(request, "bob", 0));
    }

    [Fact]
    public void MemberMessageId_KeepsTheRequestTimePrefix_SoIdsSortByTime()
    {
        var request = MessageIds.New();

        var id = SendMessageFactory.MemberMessageId(request, "ada", 0);

        Assert.Equal((32, request[..12]), (id.Length, id[..12]));
    }
}
