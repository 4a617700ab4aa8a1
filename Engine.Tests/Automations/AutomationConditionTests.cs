using System.Text.Json.Nodes;
using NotificationOps.Engine.Automations;

namespace NotificationOps.Engine.Tests.Automations;

public sealed class AutomationConditionTests
{
    private static bool Evaluate(string expression) => AutomationCondition.Evaluate(
        expression,
        JsonNode.Parse("""{"amount":150,"items":[1,2]}""")!.AsObject(),
        JsonNode.Parse("""{"plan":"pro"}""")!.AsObject(),
        JsonNode.Parse("""{"fetch":{"ok":true}}""")!.AsObject());

    [Theory]
    [InlineData("data.amount > 100", true)]
    [InlineData("data.amount > 200", false)]
    [InlineData("profile.plan === 'pro' && refs.fetch.ok", true)]
    [InlineData("data.items.length", true)]
    [InlineData("data.missing", false)]
    public void Evaluate_ReadsDataProfileAndRefs(string expression, bool expected) => Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("(function f() { return f(); })()")]
    [InlineData("var a = []; while (true) { a.push(new Array(100000).join('x')); }")]
    [InlineData("System.IO.File.Exists('/etc/passwd')")]
    [InlineData("importNamespace('System')")]
    [InlineData("require('fs')")]
    public void Evaluate_SandboxStopsLoopsRecursionMemoryAndHostAccess(string expression)
    {
        var error = Assert.Throws<AutomationStepException>(() => Evaluate(expression));

        Assert.True(error.Permanent);
        Assert.Equal("if", error.Field);
    }

    [Theory]
    [InlineData("data.amount >")]
    [InlineData("}{")]
    public void ParseError_NamesSyntaxErrors(string expression) => Assert.NotNull(AutomationCondition.ParseError(expression));
}
