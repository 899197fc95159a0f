namespace NewsSite.Core.Markdown;

/// <summary>Markdown the renderer refuses (too large, too deeply nested, too costly); the message is German and meant for editors.</summary>
/// <param name="line">The line of the Markdown where the problem is, when one line can be named.</param>
public sealed class UnrenderableMarkdownException(string message, int? line = null) : Exception(message)
{
    public int? Line { get; } = line;

    public static UnrenderableMarkdownException TooDeep(int? line = null) =>
        new("Der Text ist zu tief verschachtelt (Zitate, Listen oder Hervorhebungen ineinander). Bitte vereinfachen.", line);
}
