namespace NewsSite.Core.Articles;

/// <summary>What the sitemaps list: published articles and the tag and author pages that show any.</summary>
public interface ISitemapReads
{
    Task<SitemapCounts> CountSitemapEntriesAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Published articles in a stable order (first stored first), so a new article only ever joins the last part.</summary>
    Task<IReadOnlyList<SitemapEntry>> ListSitemapArticlesAsync(
        int part, int partSize, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Tag, author and Ressort pages that list at least one published article, each last changed with its newest article.</summary>
    Task<IReadOnlyList<SitemapEntry>> ListSitemapListingPagesAsync(
        int part, int partSize, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Articles published after <paramref name="since"/>, newest first: the Google News sitemap's window.</summary>
    Task<IReadOnlyList<NewsSitemapEntry>> ListPublishedSinceAsync(
        DateTimeOffset since, int limit, DateTimeOffset now, CancellationToken cancellationToken = default);
}
