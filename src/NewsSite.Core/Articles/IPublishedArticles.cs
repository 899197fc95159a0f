namespace NewsSite.Core.Articles;

/// <summary>
/// One published article as readers reach it: by its address, by a former address, its related articles and its
/// tags. Published means neither a draft nor in the trash, and its time has come by <c>now</c>.
/// </summary>
public interface IPublishedArticles
{
    Task<PublishedArticle?> FindPublishedAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The current slug of the public article that was once reachable under <paramref name="oldSlug"/>.</summary>
    Task<string?> FindRedirectAsync(string oldSlug, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Other published articles sharing tags with this one. Each shared tag counts by its rarity, 1 / ln(1 + df), df
    /// being the tag's live articles, so sharing a rare tag weighs more than sharing a common one. The weight depends
    /// on nothing but the tag's own count: a change elsewhere on the site never reorders this block, which lets caches
    /// evict exactly the articles that share a tag with a changed one. Equal scores go to the more recent article. At
    /// most <see cref="RelatedArticles.CandidateBudget"/> candidates are read.
    /// </summary>
    Task<IReadOnlyList<RelatedArticle>> FindRelatedAsync(
        long articleId, DateTimeOffset now, int limit = 5, CancellationToken cancellationToken = default);

    /// <summary>
    /// A tag that at least one published article carries. A tag on drafts, scheduled or trashed articles only is not
    /// found, exactly like one that does not exist: readers must not be able to confirm an embargoed topic by guessing.
    /// </summary>
    Task<TagLink?> FindTagAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default);
}

public static class RelatedArticles
{
    /// <summary>
    /// How many candidates the related-articles query reads at most, shared evenly among the article's tags: each tag
    /// contributes its newest 600 / (number of tags). A tag on a few hundred articles is searched in full; of a tag
    /// on 30,000 only the newest count, which keeps the query near half a millisecond at 100,000 articles whatever
    /// the article's tags. An old article sharing only such common tags can be passed over for newer ones.
    /// </summary>
    public const int CandidateBudget = 600;
}
