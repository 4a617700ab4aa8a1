using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

public sealed class HtmlLinkRewriterTests
{
    // A newsletter as mail tools write it: doctype, conditional comments, tables, nested inline tags, entities in
    // text and in URLs, single/double/no quotes, upper-case tags, CRLF, a duplicated link, a misnested anchor,
    // and links that must be left alone (relative, anchor, mailto, tel, opted out).
    private const string Newsletter =
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\r\n" +
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"><!--[if mso]><style>td{font-family:Arial}</style><![endif]-->\r\n" +
        "<style>a{color:#06c}</style></head>\r\n" +
        "<BODY style=\"margin:0\">\r\n" +
        "<table role=\"presentation\" width=\"100%\" cellpadding=0 cellspacing=0><tr><td align=center>\r\n" +
        "  <a href=\"https://shop.example/sale?utm_source=mail&amp;utm_medium=email\" class=\"btn\"><span><b>Caf&eacute; sale &mdash; 20&#37; off</b></span></a>\r\n" +
        "</td></tr><tr><td>\r\n" +
        "  <p>Read <a href='https://blog.example/post/1'>the post</a> or <A HREF=https://blog.example/post/2 TARGET=_blank>another</A>.</p>\r\n" +
        "  <p>Again: <a href=\"https://shop.example/sale?utm_source=mail&amp;utm_medium=email\">the sale</a>, <a href=\"/relative/path\">relative</a>,\r\n" +
        "  <a href=\"#top\">top</a>, <a href=\"mailto:help@shop.example\">mail us</a>, <a href=\"tel:+4930123456\">call</a>,\r\n" +
        "  <a data-track=\"false\" href=\"https://shop.example/unsubscribe?u=1\">unsubscribe</a></p>\r\n" +
        "  <b><a href=\"https://misnested.example/x\"><p>misnested</a></b>\r\n" +
        "</td></tr></table>\r\n" +
        "</BODY></html>\r\n";

    // The tracked hrefs as written in the source, in document order.
    private static readonly string[] TrackedHrefs =
    [
        "https://shop.example/sale?utm_source=mail&amp;utm_medium=email",
        "https://blog.example/post/1",
        "https://blog.example/post/2",
        "https://shop.example/sale?utm_source=mail&amp;utm_medium=email",
        "https://misnested.example/x",
    ];

    [Fact]
    public void FindLinks_FindsEveryHttpLinkOnce_AndDecodesEntitiesInUrlsAndText()
    {
        var links = HtmlLinkRewriter.FindLinks(Newsletter);

        Assert.Equal(
            ["https://shop.example/sale?utm_source=mail&utm_medium=email", "https://blog.example/post/1", "https://blog.example/post/2",
             "https://shop.example/sale?utm_source=mail&utm_medium=email", "https://misnested.example/x"],
            links.Select(l => l.Url));
        Assert.Equal([0, 1, 2, 3, 4], links.Select(l => l.Position));
        Assert.Equal("Café sale — 20% off", links[0].Text);
        Assert.Equal("the sale", links[3].Text);
    }

    [Fact]
    public void Rewrite_ChangesOnlyTrackedHrefValues_AndRoundTripsTheRestByteForByte()
    {
        var rewritten = HtmlLinkRewriter.Rewrite(Newsletter, link => $"https://t.example/c/{link.Position}");

        Assert.DoesNotContain("https://blog.example", rewritten);
        Assert.Contains("href=\"/relative/path\"", rewritten);
        Assert.Contains("href=\"#top\"", rewritten);
        Assert.Contains("href=\"mailto:help@shop.example\"", rewritten);
        Assert.Contains("href=\"tel:+4930123456\"", rewritten);
        Assert.Contains("href=\"https://shop.example/unsubscribe?u=1\"", rewritten);
        Assert.Contains("<A HREF=\"https://t.example/c/2\" TARGET=_blank>", rewritten); // unquoted value: now quoted, nothing else touched

        var restored = rewritten.Replace("HREF=\"https://t.example/c/2\"", "HREF=https://blog.example/post/2", StringComparison.Ordinal);
        for (var i = TrackedHrefs.Length - 1; i >= 0; i--)
        {
            restored = restored.Replace($"https://t.example/c/{i}", TrackedHrefs[i], StringComparison.Ordinal);
        }

        Assert.Equal(Newsletter, restored);
    }

    [Fact]
    public void Rewrite_InsertsFooterBeforeBodyEnd_OrAppendsWithoutBody()
    {
        var withBody = HtmlLinkRewriter.Rewrite("<html><body><p>Hi</p></body></html>", l => l.Url, "<img src=\"p.gif\">");
        var fragment = HtmlLinkRewriter.Rewrite("<p>Hi</p>", l => l.Url, "<img src=\"p.gif\">");

        Assert.Equal("<html><body><p>Hi</p><img src=\"p.gif\"></body></html>", withBody);
        Assert.Equal("<p>Hi</p><img src=\"p.gif\">", fragment);
    }

    [Fact]
    public void Rewrite_EscapesTheNewValue_AndKeepsTheFirstOfDuplicatedHrefAttributes()
    {
        var rewritten = HtmlLinkRewriter.Rewrite("<a title='x' href=\"https://a.example/\" href=\"https://b.example/\">x</a>", _ => "https://t.example/?a=1&b=\"2\"");

        Assert.Equal("<a title='x' href=\"https://t.example/?a=1&amp;b=&quot;2&quot;\" href=\"https://b.example/\">x</a>", rewritten);
    }
}
