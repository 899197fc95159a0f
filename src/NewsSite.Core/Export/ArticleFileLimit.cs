using System.Globalization;
using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Export;

/// <summary>
/// The one size limit of an article: its file as <see cref="ArticleExporter"/> writes it, front matter included, in
/// UTF-8 bytes. The editor's save, the upload, the import and the export all measure with this class, so that what
/// one of them stores the others can write and read back: every stored article can be exported and imported again.
/// </summary>
/// <remarks>
/// At save time some of what the export will write is still the store's choice: the derived slug and its suffix, the
/// feed id, the date of an article saved without one, and the spelling of author and tags (the first one stored wins).
/// Those are counted at the widest they can ever be written, so the measure is never below the exported file; an
/// exported file names all of them, so importing it measures exactly what the export measured.
/// </remarks>
public sealed class ArticleFileLimit
{
    public const long DefaultMaxBytes = 1024 * 1024;

    // YamlText.Quote writes a control character as \uXXXX: six bytes, the most any one character can take.
    private const char WidestCharacter = '\u0001';

    // 19 digits of row id and 9 of counter, the most FeedKey allows.
    private const string WidestFeedKey = "2025-12-31:artikel/1234567890123456789-123456789";

    // Seven digits of a second's fraction: the longest date the export writes.
    private static readonly DateTimeOffset WidestDate = new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(1_234_567);

    private static readonly string WidestAuthor = new(WidestCharacter, FrontMatterReader.MaxAuthorLength);
    private static readonly string WidestTag = new(WidestCharacter, TagName.MaxLength);
    private static readonly string WidestSlug = new('x', Slug.MaxLength);

    public ArticleFileLimit(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxBytes = maxBytes;
    }

    public static ArticleFileLimit Default { get; } = new(DefaultMaxBytes);

    public long MaxBytes { get; }

    /// <summary>Before reading a file: its declared size. Null when it may be read.</summary>
    public string? RefuseDeclared(long declaredBytes) => declaredBytes > MaxBytes
        ? $"Die Datei ist zu groß ({ByteSize.Format(declaredBytes)}, höchstens {ByteSize.Format(MaxBytes)})."
        : null;

    /// <summary>After parsing, before storing: the article as the export would write it.</summary>
    /// <exception cref="ArticleTooLargeException">Larger than <see cref="MaxBytes"/>; nothing may be stored.</exception>
    public void Check(string sourceName, ArticleContent content)
    {
        var bytes = Measure(content);
        if (bytes > MaxBytes)
        {
            throw new ArticleTooLargeException(sourceName, bytes, MaxBytes);
        }
    }

    /// <summary>The export's view: whether importing the file it writes for <paramref name="article"/> will be accepted.</summary>
    public bool Fits(ArticleForExport article) => Measure(article) <= MaxBytes;

    public long Measure(ArticleContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Measure(content.Markdown, content.Title, content.Summary, content.IsDraft, content.Tags.Count,
            content.RequestedSlug, content.PublishedAt, content.UpdatedAt, content.RequestedFeedKey);
    }

    public long Measure(ArticleForExport article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Measure(article.Markdown, article.Title, article.Summary, article.IsDraft, article.Tags.Count,
            article.Slug, article.PublishedAt, article.UpdatedAt, article.FeedKey);
    }

    // Both views go through here with the same substitutions, so an exported file measures as its article did.
    private static long Measure(
        string markdown, string title, string summary, bool isDraft, int tags, string? slug, DateTimeOffset? publishedAt,
        DateTimeOffset? updatedAt, string? feedKey)
    {
        var widest = new ArticleForExport(
            slug ?? WidestSlug, title, summary, WidestAuthor, publishedAt ?? WidestDate, updatedAt, isDraft, IsTrashed: false,
            Enumerable.Repeat(WidestTag, tags).ToList(), markdown, feedKey ?? WidestFeedKey);
        return Encoding.UTF8.GetByteCount(ArticleExporter.ArticleFile(widest));
    }
}

/// <summary>An article larger than <see cref="ArticleFileLimit.MaxBytes"/>; the message is German, for the editor.</summary>
public sealed class ArticleTooLargeException(string sourceName, long bytes, long maxBytes) : Exception(
    $"{sourceName}: Der Artikel ist zu groß: Als Datei, wie der Export sie schreibt, hätte er bis zu {Number(bytes)} Bytes, " +
    $"erlaubt sind {Number(maxBytes)} ({ByteSize.Format(maxBytes)}). Bitte den Text kürzen; gespeichert wurde nichts.")
{
    public string SourceName { get; } = sourceName;

    public long Bytes { get; } = bytes;

    public long MaxBytes { get; } = maxBytes;

    /// <summary>The message without the file name, for reports that name the file already.</summary>
    public string Reason => Message[(SourceName.Length + 2)..];

    private static string Number(long value) => value.ToString("N0", CultureInfo.GetCultureInfo("de-DE"));
}
