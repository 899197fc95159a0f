using NewsSite.Core.Images;
using NewsSite.Core.Markdown;
using NewsSite.Core.Ressorts;

namespace NewsSite.Core.Articles;

public sealed record TagLink(string Name, string Slug);

/// <summary>An article as the public page and the feeds show it.</summary>
/// <param name="FeedKey">The host-independent part of its feed entry id, see <see cref="Articles.FeedKey"/>.</param>
public sealed record PublishedArticle(
    long Id,
    string Slug,
    string Title,
    string Summary,
    string BodyHtml,
    string AuthorName,
    string AuthorSlug,
    DateTimeOffset PublishedAt,
    DateTimeOffset? UpdatedAt,
    string FeedKey,
    IReadOnlyList<TagLink> Tags,
    LeadPicture? LeadPicture = null)
{
    private ArticleOutline? _outline;

    /// <summary>The Ressort it belongs to; null for an article without one.</summary>
    public RessortLink? Ressort { get; init; }

    /// <summary>Its public corrections, newest first.</summary>
    public IReadOnlyList<ArticleCorrection> Corrections { get; init; } = [];

    /// <summary>The co-authors after the first author, in the byline's order.</summary>
    public IReadOnlyList<AuthorLink> CoAuthors { get; init; } = [];

    /// <summary>Every author of the byline, the first one first.</summary>
    public IReadOnlyList<AuthorLink> Authors => [new(AuthorName, AuthorSlug), .. CoAuthors];

    /// <summary>The article's own "last changed": the declared update when later than publication, else publication.</summary>
    public DateTimeOffset LastChangedAt => UpdatedAt is { } updated && updated > PublishedAt ? updated : PublishedAt;

    /// <summary>Table of contents and reading time: kept with the article when it is written, else read from the body.</summary>
    public ArticleOutline Outline
    {
        get => _outline ??= ArticleOutline.Of(BodyHtml);
        init => _outline = value;
    }
}

/// <summary>An article in a listing: home page, tag page.</summary>
public sealed record ArticleTeaser(
    string Slug,
    string Title,
    string Summary,
    string AuthorName,
    string AuthorSlug,
    DateTimeOffset PublishedAt,
    LeadPicture? LeadPicture = null)
{
    /// <summary>The co-authors after the first author, in the byline's order.</summary>
    public IReadOnlyList<AuthorLink> CoAuthors { get; init; } = [];

    /// <summary>Every author of the byline, the first one first.</summary>
    public IReadOnlyList<AuthorLink> Authors => [new(AuthorName, AuthorSlug), .. CoAuthors];
}

/// <summary>An article found by the search, best match first.</summary>
/// <param name="SnippetHtml">
/// An excerpt with the matched words in &lt;mark&gt;; HTML-encoded (<see cref="SearchSnippet.ToHtml"/>) and so safe to
/// write as is.
/// </param>
public sealed record SearchHit(
    string Slug,
    string Title,
    string AuthorName,
    string AuthorSlug,
    DateTimeOffset PublishedAt,
    string SnippetHtml,
    LeadPicture? LeadPicture = null)
{
    /// <summary>The co-authors after the first author, in the byline's order.</summary>
    public IReadOnlyList<AuthorLink> CoAuthors { get; init; } = [];

    /// <summary>Every author of the byline, the first one first.</summary>
    public IReadOnlyList<AuthorLink> Authors => [new(AuthorName, AuthorSlug), .. CoAuthors];
}

/// <summary>A correction on the public corrections page: its time and text, and the article it corrects.</summary>
/// <param name="Revision">The article's revision whose save first carried the correction.</param>
public sealed record PublishedCorrection(DateTimeOffset At, string Text, string ArticleSlug, string ArticleTitle, int Revision);

/// <param name="Score">Sum of the rarity weights of the shared tags; higher is more related.</param>
public sealed record RelatedArticle(string Slug, string Title, DateTimeOffset PublishedAt, double Score);

public sealed record Revision(
    int Number,
    string Markdown,
    string ContentHash,
    RevisionOrigin Origin,
    string OriginDetail,
    DateTimeOffset CreatedAt);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < TotalPages;
}

public sealed record AuthorLink(string Name, string Slug);

/// <summary>Which articles a listing or feed covers: all of the site, one tag's, one author's, or one month's.</summary>
/// <param name="Month">For <see cref="ArticleScopeKind.Month"/>: the Berlin calendar month.</param>
public sealed record ArticleScope(ArticleScopeKind Kind, string? Slug, ArchiveMonth? Month = null)
{
    public static ArticleScope Site { get; } = new(ArticleScopeKind.Site, null);

    public static ArticleScope ForTag(string slug) => new(ArticleScopeKind.Tag, slug);

    public static ArticleScope ForAuthor(string slug) => new(ArticleScopeKind.Author, slug);

    public static ArticleScope ForMonth(ArchiveMonth month) => new(ArticleScopeKind.Month, null, month);

    public static ArticleScope ForRessort(string slug) => new(ArticleScopeKind.Ressort, slug);
}

public enum ArticleScopeKind
{
    Site,
    Tag,
    Author,
    Month,
    Ressort,
}

/// <summary>A month of the archive and how many articles were published in it.</summary>
public sealed record ArchiveMonthCount(ArchiveMonth Month, int Count);

/// <summary>The nearest earlier and later months that have published articles; null where there is none.</summary>
public sealed record ArchiveNeighbours(ArchiveMonth? Previous, ArchiveMonth? Next);

/// <summary>A tag of the overview and how many published articles carry it.</summary>
public sealed record TagCount(string Name, string Slug, int Count);

/// <summary>An author as their public page shows them: the name, and the bio as safe HTML when there is one.</summary>
public sealed record AuthorDetails(string Name, string Slug, string? BioHtml)
{
    public AuthorLink Link => new(Name, Slug);
}

/// <summary>
/// What public pages, feeds and sitemaps are derived from, at one moment. <paramref name="Stamp"/> changes with every
/// write to an article and whenever a scheduled article comes due; <paramref name="LastChange"/> is the later of the
/// last write and the last publication, null while there is no article at all.
/// </summary>
public sealed record ContentVersion(DateTimeOffset? LastChange, string Stamp);

/// <summary>A page of the sitemap (an article, a tag's page, an author's page) and when its content last changed.</summary>
public sealed record SitemapEntry(SitemapPageKind Kind, string Slug, DateTimeOffset LastModified);

public enum SitemapPageKind
{
    Article,
    Tag,
    Author,
    Ressort,
}

/// <summary>An article in the Google News sitemap.</summary>
public sealed record NewsSitemapEntry(long Id, string Slug, string Title, DateTimeOffset PublishedAt);

/// <summary>How many sitemap entries there are: the articles, and the listing pages (tags and authors with articles).</summary>
public sealed record SitemapCounts(int Articles, int ListingPages);
