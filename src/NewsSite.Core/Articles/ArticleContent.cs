using NewsSite.Core.Images;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Articles;

/// <summary>
/// Everything stored for one version of an article, derived from its Markdown source: validated front matter,
/// rendered HTML and the hash that tells an unchanged re-import from a changed one.
/// </summary>
/// <param name="RequestedSlug">The slug from the front matter; null lets the store derive one from the title.</param>
/// <param name="RequestedFeedKey">The feed-id from the front matter (an exported article's); null gives a new article its own.</param>
/// <param name="Ressort">The Ressort's name or slug as the front matter gives it; the store finds the Ressort, null is none.</param>
/// <param name="PublishedAt">From the front matter; null keeps the stored date, or means "now" for a new article.</param>
/// <param name="UpdatedAt">From the front matter, and at least the newest correction's time: a correction is an update.</param>
public sealed record ArticleContent(
    string Title,
    string? RequestedSlug,
    string AuthorName,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<TagName> Tags,
    string Summary,
    bool IsDraft,
    string BodyHtml,
    string Markdown,
    string ContentHash,
    string? RequestedFeedKey = null,
    string? Ressort = null,
    LeadPicture? LeadPicture = null,
    IReadOnlyList<string>? PictureWarnings = null)
{
    /// <summary>The public corrections, oldest first (front matter <c>corrections:</c>).</summary>
    public IReadOnlyList<ArticleCorrection> Corrections { get; init; } = [];

    /// <summary>Co-authors after <see cref="AuthorName"/>, in the byline's order (front matter <c>authors:</c>).</summary>
    public IReadOnlyList<string> CoAuthorNames { get; init; } = [];

    /// <summary>Every name of the byline, the first author first.</summary>
    public IReadOnlyList<string> AuthorNames => [AuthorName, .. CoAuthorNames];

    /// <summary>Pictures the file names that the site does not have, in German, for the upload and import reports.</summary>
    public IReadOnlyList<string> Warnings => PictureWarnings ?? [];
}
