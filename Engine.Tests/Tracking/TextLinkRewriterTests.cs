using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

public sealed class TextLinkRewriterTests
{
    [Fact]
    public void Rewrite_ReplacesHttpUrls_AndLeavesSentencePunctuationAndOtherSchemes()
    {
        var text = "See https://shop.example/sale?a=1&b=2. Or (http://blog.example/p) — mailto:help@shop.example, ftp://files.example";

        var rewritten = TextLinkRewriter.Rewrite(text, (n, _) => $"https://t.example/{n}");

        Assert.Equal("See https://t.example/0. Or (https://t.example/1) — mailto:help@shop.example, ftp://files.example", rewritten);
        Assert.Equal(["https://shop.example/sale?a=1&b=2", "http://blog.example/p"], TextLinkRewriter.FindUrls(text));
    }
}
