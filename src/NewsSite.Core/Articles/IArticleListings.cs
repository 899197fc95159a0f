namespace NewsSite.Core.Articles;

/// <summary>The published articles in lists: home, tag, author and month pages, feeds, the archive, the tag overview.</summary>
public interface IArticleListings
{
    /// <summary>A page of the published articles of a scope, newest first: the home page, a tag's, an author's, a month's.</summary>
    /// <remarks>Count and page are read at one moment, so that both see the same articles.</remarks>
    Task<PagedList<ArticleTeaser>> ListPublishedAsync(
        ArticleScope scope, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The newest published articles of a scope with everything a feed needs, tags included.</summary>
    Task<IReadOnlyList<PublishedArticle>> ListLatestAsync(
        ArticleScope scope, int limit, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every Berlin month with published articles and how many, newest first.</summary>
    Task<IReadOnlyList<ArchiveMonthCount>> ListArchiveMonthsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The closest months before and after <paramref name="month"/> that have published articles.</summary>
    Task<ArchiveNeighbours> FindArchiveNeighboursAsync(ArchiveMonth month, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every tag that at least one published article carries, with the number of those, in German alphabetical order.</summary>
    Task<IReadOnlyList<TagCount>> ListTagsWithArticlesAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
