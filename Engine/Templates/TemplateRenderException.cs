namespace NotificationOps.Engine.Templates;

/// <summary>A template text that does not compile or render, with where: the field ("email.html") and a 1-based line and column.</summary>
public sealed class TemplateRenderException(string field, int line, int column, string message, Exception? inner = null)
    : Exception($"{field} line {line}, column {column}: {message}", inner)
{
    public string Field { get; } = field;

    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>The problem alone, without the position.</summary>
    public string Problem { get; } = message;
}
