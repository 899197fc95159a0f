namespace NewsSite.Core.Articles;

/// <summary>
/// Full-text search over the published articles. The index is written with each article in its transaction and
/// carries no visibility: drafts, trashed and scheduled articles are never found, and trash or restore need no
/// index change.
/// </summary>
public interface ISearchIndex
{
    /// <summary>
    /// A page of the published articles containing every word of <paramref name="readerText"/> (as a prefix, case and
    /// accents ignored), best match first: a word in the title counts 10 times, in the tags 5, in the summary 3, in
    /// the body once; equal scores go to the newer article. When more than <see cref="SearchResults.RankedHitLimit"/>
    /// articles match, only the newest that many are ranked and can be paged through, and excerpts are made for the
    /// shown page only. Text without any word finds nothing and runs no query. See <see cref="SearchQuery"/> for how
    /// the reader's text becomes the query.
    /// </summary>
    Task<SearchResults> SearchAsync(
        string readerText, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// "Meinten Sie …?": <paramref name="readerText"/> with each word that finds fewer than
    /// <see cref="SearchSuggestion.FewHits"/> published articles replaced by the closest word of the published
    /// articles (at most two typing slips away, same first two letters; of equally close ones the one in most articles), as
    /// it is written there ("Ukraine" for "Ukriane", not the term "ukrain"). Null when no word has a better neighbour.
    /// Words of drafts, trashed or scheduled articles are never suggested. Bounded: see docs/search.md.
    /// </summary>
    Task<SearchSuggestion?> SuggestAsync(string readerText, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Indexes every article that has none yet (a database from before search existed). Idempotent; run at every
    /// start, it finds nothing to do once all articles are indexed.
    /// </summary>
    /// <returns>The number of articles indexed.</returns>
    Task<int> IndexUnindexedArticlesAsync(CancellationToken cancellationToken = default);
}
