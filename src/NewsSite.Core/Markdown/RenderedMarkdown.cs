namespace NewsSite.Core.Markdown;

/// <param name="Html">Safe to write to a page as is: raw HTML is escaped and only harmless link targets survive.</param>
/// <param name="FirstParagraph">The first top-level paragraph as plain text, the fallback for a missing summary.</param>
/// <param name="MissingPictures">Addresses of pictures in the text that the site does not have (shown as their alt text).</param>
public sealed record RenderedMarkdown(string Html, string FirstParagraph, IReadOnlyList<string>? MissingPictures = null);
