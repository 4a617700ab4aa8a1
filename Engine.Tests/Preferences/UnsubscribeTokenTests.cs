using System.Security.Cryptography;
using NotificationOps.Engine.Preferences;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Preferences;

public sealed class UnsubscribeTokenTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Theory]
    [InlineData("ada", "news")]
    [InlineData("user.with.dots/and slash", "marketing.weekly")]
    [InlineData("ünï", "t\u0001x")]
    public void Read_ReturnsWhatWasSigned(string user, string topic)
    {
        var token = new UnsubscribeToken(user, topic);

        Assert.Equal(token, UnsubscribeToken.Read(Key, token.Sign(Key)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-1)]
    public void Read_ReturnsNull_WhenAnyCharacterIsAltered(int index)
    {
        var token = new UnsubscribeToken("ada", "news").Sign(Key);
        var at = index < 0 ? token.Length + index : index;
        var tampered = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];

        Assert.Null(UnsubscribeToken.Read(Key, tampered));
    }

    [Fact]
    public void Read_ReturnsNull_ForACutTokenAnotherKeyOrATrackingToken()
    {
        var token = new UnsubscribeToken("ada", "news").Sign(Key);
        var tracking = new TrackingToken(TrackingHitKind.Click, "ada", "news").Sign(Key);

        Assert.Null(UnsubscribeToken.Read(Key, token[..^3]));
        Assert.Null(UnsubscribeToken.Read(Key, token[..token.IndexOf('.')]));
        Assert.Null(UnsubscribeToken.Read(RandomNumberGenerator.GetBytes(32), token));
        Assert.Null(UnsubscribeToken.Read(Key, tracking));
        Assert.Null(TrackingToken.Read(Key, token));
    }
}
