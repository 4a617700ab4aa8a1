using System.Text.Json.Nodes;
using Jint;
using Jint.Native.Json;
using Jint.Runtime;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// A step's <c>if</c>: a JavaScript expression over <c>data</c>, <c>profile</c> and <c>refs</c>, run by Jint in a
/// sandbox. Only those three values (as plain JSON, copies) are given to the script; the CLR is not exposed, and
/// time, memory, statement count and recursion are limited, so an expression can neither reach the host nor hang a job.
/// </summary>
public static class AutomationCondition
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);
    public const long MemoryLimitBytes = 8_000_000;
    public const int MaxStatements = 10_000;

    /// <summary>The parse error of <paramref name="expression"/>, or null when it parses.</summary>
    public static string? ParseError(string expression)
    {
        try
        {
            Jint.Engine.PrepareScript(expression, strict: true);
            return null;
        }
        catch (Exception ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The expression's truth (JavaScript's); throws <see cref="AutomationStepException"/> when it cannot be evaluated.</summary>
    public static bool Evaluate(string expression, JsonObject data, JsonObject profile, JsonObject refs)
    {
        var engine = new Jint.Engine(options => options
            .Strict()
            .TimeoutInterval(Timeout)
            .LimitMemory(MemoryLimitBytes)
            .MaxStatements(MaxStatements)
            .LimitRecursion(64));
        try
        {
            var parser = new JsonParser(engine);
            engine.SetValue("data", parser.Parse(data.ToJsonString()));
            engine.SetValue("profile", parser.Parse(profile.ToJsonString()));
            engine.SetValue("refs", parser.Parse(refs.ToJsonString()));
            return TypeConverter.ToBoolean(engine.Evaluate(expression));
        }
        catch (Exception ex) when (ex is JavaScriptException or StatementsCountOverflowException or MemoryLimitExceededException
            or TimeoutException or RecursionDepthOverflowException or ExecutionCanceledException)
        {
            throw new AutomationStepException("if", $"'if' could not be evaluated: {ex.Message}", permanent: true);
        }
        catch (Exception ex) when (ex.GetType().Name.Contains("Parse", StringComparison.Ordinal))
        {
            throw new AutomationStepException("if", $"'if' does not parse: {ex.Message}", permanent: true);
        }
    }
}
