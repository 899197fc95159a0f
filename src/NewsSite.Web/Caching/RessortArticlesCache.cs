using NewsSite.Core.Articles;

namespace NewsSite.Web.Caching;

/// <summary>
/// "Mehr aus dem Ressort": the newest articles of each Ressort, one short list per Ressort shared by all its articles,
/// kept until the journal names the Ressort (an article entered, left or changed in it) or the whole site changed.
/// Bounded by the number of Ressorts; an article page costs no query for it once its Ressort's list is read.
/// </summary>
public sealed class RessortArticlesCache(IArticleListings listings)
{
    /// <summary>How many others an article page shows.</summary>
    public const int Count = 4;

    private const string TagPrefix = "ressort:";

    private readonly Dictionary<string, IReadOnlyList<ArticleTeaser>> _newest = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _generation;

    /// <summary>The newest published articles of the article's Ressort other than itself; none without a Ressort.</summary>
    public async Task<IReadOnlyList<ArticleTeaser>> FindAsync(PublishedArticle article, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (article.Ressort is not { } ressort)
        {
            return [];
        }

        IReadOnlyList<ArticleTeaser>? newest;
        long generation;
        lock (_lock)
        {
            _newest.TryGetValue(ressort.Slug, out newest);
            generation = _generation;
        }

        if (newest is null)
        {
            // One more than shown, so that the article itself can be left out.
            newest = (await listings.ListPublishedAsync(ArticleScope.ForRessort(ressort.Slug), 1, Count + 1, now, cancellationToken)).Items;
            lock (_lock)
            {
                // Something was evicted while the list was read: it may predate that change, so it is not kept.
                if (generation == _generation)
                {
                    _newest[ressort.Slug] = newest;
                }
            }
        }

        return [.. newest.Where(t => t.Slug != article.Slug).Take(Count)];
    }

    /// <summary>Drops the list a change of <paramref name="tag"/> (a page cache tag) may have altered.</summary>
    public void EvictByTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        lock (_lock)
        {
            _generation++;
            if (tag == PageCacheTags.Everything)
            {
                _newest.Clear();
            }
            else if (tag.StartsWith(TagPrefix, StringComparison.Ordinal))
            {
                _newest.Remove(tag[TagPrefix.Length..]);
            }
        }
    }
}
