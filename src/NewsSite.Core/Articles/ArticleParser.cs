using System.Security.Cryptography;
using System.Text;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.Articles;

/// <summary>From the text of an article file to <see cref="ArticleContent"/>: the one way in for imports and editors.</summary>
public sealed class ArticleParser(MarkdownRenderer renderer)
{
    public const string DefaultAuthor = "Redaktion";
    public const int DerivedSummaryLength = 240;

    public ArticleContent Parse(string sourceName, ReadOnlySpan<byte> fileBytes) =>
        Parse(sourceName, ArticleText.Decode(sourceName, fileBytes));

    public ArticleContent Parse(string sourceName, string text)
    {
        text = ArticleText.Normalize(sourceName, text);
        var source = FrontMatterReader.Read(sourceName, text);
        var front = source.FrontMatter;

        RenderedMarkdown rendered;
        try
        {
            rendered = renderer.Render(source.Body);
        }
        catch (UnrenderableMarkdownException e)
        {
            // The renderer counts the body's lines; the editor reads the file's.
            throw new ArticleFormatException(sourceName, e.Message, source.BodyStartLine + (e.Line ?? 1) - 1);
        }

        return new ArticleContent(
            front.Title,
            front.Slug,
            front.Author ?? DefaultAuthor,
            front.Date,
            front.Updated,
            front.Tags,
            front.Summary ?? Shorten(rendered.FirstParagraph, DerivedSummaryLength),
            front.Draft,
            rendered.Html,
            text,
            Hash(text),
            front.FeedId,
            front.Ressort);
    }

    /// <summary>Cuts at a word boundary and marks the cut with an ellipsis.</summary>
    public static string Shorten(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text[..(maxLength - 1)];
        var lastSpace = cut.LastIndexOf(' ');
        if (lastSpace > maxLength / 2)
        {
            cut = cut[..lastSpace];
        }

        return cut.TrimEnd(' ', ',', ';', ':', '-', '–') + "…";
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
