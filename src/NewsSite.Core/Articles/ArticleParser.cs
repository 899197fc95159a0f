using System.Security.Cryptography;
using System.Text;
using NewsSite.Core.Images;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.Articles;

/// <summary>From the text of an article file to <see cref="ArticleContent"/>: the one way in for imports and editors.</summary>
/// <param name="pictures">The site's stored pictures, for lead pictures and pictures in the body; null in tests of text alone.</param>
public sealed class ArticleParser(MarkdownRenderer renderer, ImageStore? pictures = null)
{
    public const string DefaultAuthor = "Redaktion";
    public const int DerivedSummaryLength = 240;

    public ArticleContent Parse(string sourceName, ReadOnlySpan<byte> fileBytes) =>
        Parse(sourceName, ArticleText.Decode(sourceName, fileBytes));

    public ArticleContent Parse(string sourceName, string text)
    {
        text = ArticleText.Normalize(sourceName, text);

        // The body is checked even when the front matter is wrong: every problem of a file is reported at once.
        var problems = new ArticleProblems(sourceName);
        var source = FrontMatterReader.Read(sourceName, text, problems);
        var front = source.FrontMatter;

        RenderedMarkdown? rendered = null;
        try
        {
            rendered = renderer.Render(source.Body, pictures is null ? null : pictures.Find);
        }
        catch (UnrenderableMarkdownException e)
        {
            // The renderer counts the body's lines; the editor reads the file's.
            problems.Add(new ArticleProblem(e.Message, source.BodyStartLine + (e.Line ?? 1) - 1));
        }

        problems.ThrowIfAny();
        ArgumentNullException.ThrowIfNull(rendered);

        var warnings = new List<string>();
        var lead = LeadPictureOf(front.Image, warnings);
        foreach (var missing in rendered.MissingPictures ?? [])
        {
            warnings.Add($"Das Bild „{missing}“ im Text gibt es nicht; an seiner Stelle steht sein Alternativtext. " +
                         "Bitte das Bild hochladen (oder neben die Markdown-Datei legen) und erneut speichern.");
        }

        return new ArticleContent(
            front.Title,
            front.Slug,
            front.Author ?? DefaultAuthor,
            front.Date,
            UpdatedAt(front),
            front.Tags,
            front.Summary ?? Shorten(rendered.FirstParagraph, DerivedSummaryLength),
            front.Draft,
            rendered.Html,
            text,
            ContentHash(text),
            front.FeedId,
            front.Ressort,
            lead,
            warnings)
        {
            Corrections = front.Corrections,
            CoAuthorNames = front.CoAuthors,
        };
    }

    /// <summary>A correction is an update: "Aktualisiert am" is never older than the newest correction.</summary>
    private static DateTimeOffset? UpdatedAt(FrontMatter front)
    {
        var newestCorrection = front.Corrections.Count == 0 ? (DateTimeOffset?)null : front.Corrections[^1].At;
        return newestCorrection > front.Updated || front.Updated is null ? newestCorrection : front.Updated;
    }

    /// <summary>What the pages show of the front matter's picture, or null (with a warning) when the site lacks it.</summary>
    private LeadPicture? LeadPictureOf(FrontMatterImage? image, List<string> warnings)
    {
        if (image is null)
        {
            return null;
        }

        if (pictures?.FindByUrl(image.Source) is { } facts)
        {
            return new LeadPicture(facts.FileName, facts.Width, facts.Height, image.Alt, image.Caption, image.Credit);
        }

        warnings.Add($"Zeile {image.Line}, Feld „{FrontMatterReader.ImageField}“: Das Bild „{image.Source}“ gibt es nicht. " +
                     "Der Artikel wurde ohne Aufmacherbild gespeichert; bitte das Bild hochladen (oder neben die Markdown-Datei legen) und erneut speichern.");
        return null;
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

    /// <summary>The SHA-256 of a source as stored: what tells an unchanged re-import from a changed one.</summary>
    internal static string ContentHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
