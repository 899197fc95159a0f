namespace NewsSite.Core.Markdown;

/// <param name="Html">Safe to write to a page as is: raw HTML is escaped and only harmless link targets survive.</param>
/// <param name="FirstParagraph">The first top-level paragraph as plain text, the fallback for a missing summary.</param>
public sealed record RenderedMarkdown(string Html, string FirstParagraph);
