namespace NewsSite.Core.Articles;

public sealed record TagLink(string Name, string Slug);

/// <summary>An article as the public page shows it.</summary>
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
    IReadOnlyList<TagLink> Tags);

/// <summary>An article in a listing: home page, tag page.</summary>
public sealed record ArticleTeaser(
    string Slug,
    string Title,
    string Summary,
    string AuthorName,
    string AuthorSlug,
    DateTimeOffset PublishedAt);

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
