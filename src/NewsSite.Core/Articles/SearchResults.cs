namespace NewsSite.Core.Articles;

/// <summary>A page of search hits and whether more articles matched than could be ranked.</summary>
/// <param name="Hits">
/// The page. Its <see cref="PagedList{T}.TotalCount"/> is the number of hits that can be paged through: all of them,
/// or <see cref="ArticleRepository.RankedHitLimit"/> when <paramref name="MoreThanTotal"/>.
/// </param>
/// <param name="MoreThanTotal">
/// More published articles contain the words than were ranked: only the newest ones were, and the page says "mehr als".
/// </param>
public sealed record SearchResults(PagedList<SearchHit> Hits, bool MoreThanTotal)
{
    public static SearchResults None(int page, int pageSize) => new(new PagedList<SearchHit>([], page, pageSize, 0), false);
}
