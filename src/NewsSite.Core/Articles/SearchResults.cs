namespace NewsSite.Core.Articles;

/// <summary>A page of search hits and whether more articles matched than could be ranked.</summary>
/// <param name="Hits">
/// The page. Its <see cref="PagedList{T}.TotalCount"/> is the number of hits that can be paged through: all of them,
/// or <see cref="RankedHitLimit"/> when <paramref name="MoreThanTotal"/>.
/// </param>
/// <param name="MoreThanTotal">
/// More published articles contain the words than were ranked: only the newest ones were, and the page says "mehr als".
/// </param>
public sealed record SearchResults(PagedList<SearchHit> Hits, bool MoreThanTotal)
{
    /// <summary>
    /// How many hits a search ranks at most: the newest that many (by id, which is the order articles were created
    /// in). A word in most of the archive ("die", "Politik") would otherwise have every one of its hits scored by bm25
    /// to show ten, some 100,000 at 100,000 articles; with the bound at most 1,001 are read and 1,000 scored.
    /// 1,000 hits are 100 pages, more than a reader pages through; when more articles match, a news site's reader
    /// wants the recent ones. The page then says "Mehr als 1.000 Treffer" and pages through these. See docs/search.md.
    /// </summary>
    public const int RankedHitLimit = 1000;

    public static SearchResults None(int page, int pageSize) => new(new PagedList<SearchHit>([], page, pageSize, 0), false);
}
