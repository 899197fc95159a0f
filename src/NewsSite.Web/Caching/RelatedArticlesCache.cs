using NewsSite.Core.Articles;

namespace NewsSite.Web.Caching;

/// <summary>
/// Each article's "Verwandte Artikel", kept once computed and evicted through the journal exactly like the article's
/// page (<see cref="ContentChangeFollower"/>): by the article's own tag and its tags' (a list changes only when an
/// article sharing a tag, or a tag's frequency, changes). The list is the costliest read of an article page, and
/// unlike the page it survives edits elsewhere on the site.
/// </summary>
public sealed class RelatedArticlesCache(IPublishedArticles articles)
{
    // Enough for every article a busy day shows; when full, it starts afresh rather than tracking what is old.
    private const int MaxArticles = 20_000;

    private readonly Dictionary<long, Entry> _entries = [];
    private readonly Dictionary<string, HashSet<long>> _articlesByTag = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _generation;

    public async Task<IReadOnlyList<RelatedArticle>> FindAsync(
        PublishedArticle article, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        long generation;
        lock (_lock)
        {
            if (_entries.TryGetValue(article.Id, out var entry) && entry.Limit == limit)
            {
                return entry.Related;
            }

            generation = _generation;
        }

        var related = await articles.FindRelatedAsync(article.Id, now, limit, cancellationToken);
        lock (_lock)
        {
            // Something was evicted while the list was read: it may predate that change, so it is not kept.
            if (generation != _generation)
            {
                return related;
            }

            if (_entries.Count >= MaxArticles)
            {
                Clear();
            }

            string[] tags = [PageCacheTags.Article(article.Slug), .. article.Tags.Select(t => PageCacheTags.Tag(t.Slug))];
            _entries[article.Id] = new Entry(related, limit, tags);
            foreach (var tag in tags)
            {
                if (!_articlesByTag.TryGetValue(tag, out var ids))
                {
                    _articlesByTag[tag] = ids = [];
                }

                ids.Add(article.Id);
            }
        }

        return related;
    }

    /// <summary>Drops the lists a change of <paramref name="tag"/> may have altered (a page cache tag).</summary>
    public void EvictByTag(string tag)
    {
        lock (_lock)
        {
            _generation++;
            if (tag == PageCacheTags.Everything)
            {
                Clear();
            }
            else if (_articlesByTag.Remove(tag, out var ids))
            {
                foreach (var id in ids)
                {
                    if (_entries.Remove(id, out var entry))
                    {
                        foreach (var other in entry.Tags)
                        {
                            if (other != tag && _articlesByTag.TryGetValue(other, out var set) && set.Remove(id) && set.Count == 0)
                            {
                                _articlesByTag.Remove(other);
                            }
                        }
                    }
                }
            }
        }
    }

    private void Clear()
    {
        _entries.Clear();
        _articlesByTag.Clear();
    }

    private sealed record Entry(IReadOnlyList<RelatedArticle> Related, int Limit, string[] Tags);
}
