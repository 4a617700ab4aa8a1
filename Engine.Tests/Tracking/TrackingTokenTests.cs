using System.Security.Cryptography;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

public sealed class TrackingTokenTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Read_ReturnsWhatWasSigned_ForOpenAndClick()
    {
        var open = new TrackingToken(TrackingHitKind.Open, "0193a1b2c3d4e5f60718293a4b5c6d7e", null);
        var click = new TrackingToken(TrackingHitKind.Click, "0193a1b2c3d4e5f60718293a4b5c6d7e", "eh3");

        Assert.Equal(open, TrackingToken.Read(Key, open.Sign(Key)));
        Assert.Equal(click, TrackingToken.Read(Key, click.Sign(Key)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Read_ReturnsNull_WhenAnyCharacterIsAltered(int index)
    {
        var token = new TrackingToken(TrackingHitKind.Click, "0193a1b2c3d4e5f60718293a4b5c6d7e", "eh0").Sign(Key);
        var at = index < 0 ? token.Length + index : index;
        var tampered = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];

        Assert.Null(TrackingToken.Read(Key, tampered));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("abc.")]
    [InlineData(".abc")]
    [InlineData("//evil.example")]
    [InlineData("!!!.???")]
    public void Read_ReturnsNull_ForMalformedTokens(string token)
    {
        Assert.Null(TrackingToken.Read(Key, token));
    }

    [Fact]
    public void Read_ReturnsNull_ForTokenSignedWithAnotherKey()
    {
        var token = new TrackingToken(TrackingHitKind.Open, "0193a1b2c3d4e5f60718293a4b5c6d7e", null).Sign(RandomNumberGenerator.GetBytes(32));

        Assert.Null(TrackingToken.Read(Key, token));
    }
}
