using NotificationOps.Engine.Lists;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Tests.Lists;

public sealed class ListPatternTests
{
    [Theory]
    [InlineData("marketing.*", "marketing.us", true)]
    [InlineData("marketing.*", "marketing.us.west", false)]
    [InlineData("marketing.*", "marketing", false)]
    [InlineData("marketing.**", "marketing.us", true)]
    [InlineData("marketing.**", "marketing.us.west", true)]
    [InlineData("marketing.**", "marketing", false)]
    [InlineData("*.us", "marketing.us", true)]
    [InlineData("*.us", "sales.eu", false)]
    [InlineData("a.*.c", "a.b.c", true)]
    [InlineData("a.*.c", "a.b.d", false)]
    [InlineData("exact.id", "exact.id", true)]
    [InlineData("exact.id", "exact.idx", false)]
    [InlineData("**", "anything.at.all", true)]
    public void Matches_FollowsCourierDotRules(string pattern, string listId, bool expected)
    {
        Assert.Equal(expected, ListPattern.Parse(pattern).Matches(listId));
    }

    [Theory]
    [InlineData("marketing.*", "marketing.")]
    [InlineData("a.b.**", "a.b.")]
    [InlineData("*.us", "")]
    [InlineData("exact.id", "exact.id")]
    public void Prefix_IsTheLiteralStart_BeforeTheFirstWildcard(string pattern, string prefix)
    {
        Assert.Equal(prefix, ListPattern.Parse(pattern).Prefix);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("**.a")]
    [InlineData("a*")]
    [InlineData("")]
    public void Parse_RefusesMalformedPattern_NamingPattern(string pattern)
    {
        var error = Assert.Throws<RequestValidationException>(() => ListPattern.Parse(pattern));

        Assert.Equal("pattern", error.Field);
    }
}
