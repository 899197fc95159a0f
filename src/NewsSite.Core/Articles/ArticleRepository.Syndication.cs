using Dapper;
using NewsSite.Core.Data;

namespace NewsSite.Core.Articles;

/// <summary>Reads for author pages, feeds and sitemaps. Like every public read, only published articles count.</summary>
public sealed partial class ArticleRepository
{
    // The sitemap's lastmod of an article: the declared update when later than publication (max() of SQLite's scalar kind).
    private const string LastChangedSql = "max(a.published_at, coalesce(a.updated_at, a.published_at))";

    /// <summary>An author's name and slug: the author page's read, without the bio.</summary>
    public async Task<AuthorLink?> FindAuthorAsync(string slug, CancellationToken cancellationToken = default) =>
        (await FindAuthorDetailsAsync(slug, cancellationToken))?.Link;

    /// <summary>
    /// The newest published articles of a scope with everything a feed needs, tags included: two statements
    /// whatever the number of articles.
    /// </summary>
    public async Task<IReadOnlyList<PublishedArticle>> ListLatestAsync(
        ArticleScope scope, int limit, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ArticleRow>(
            $"""
            WITH page AS ({PageOfIdsSql(scope)})
            SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, a.summary AS Summary, a.body_html AS BodyHtml,
                   au.display_name AS AuthorName, au.slug AS AuthorSlug, a.published_at AS PublishedAt,
                   a.updated_at AS UpdatedAt, a.feed_key AS FeedKey
            FROM page p
            JOIN articles a ON a.id = p.id
            JOIN authors au ON au.id = a.author_id
            ORDER BY p.published_at DESC, p.id DESC;
            """,
            ScopeParameters(scope, now, limit))).ToList();

        var tags = (await connection.QueryAsync<ArticleTagRow>(
            """
            SELECT at.article_id AS ArticleId, t.display_name AS Name, t.slug AS Slug
            FROM article_tags at
            JOIN tags t ON t.id = at.tag_id
            WHERE at.article_id IN @Ids
            ORDER BY at.article_id, at.position;
            """,
            new { Ids = rows.Select(r => r.Id).ToList() }))
            .ToLookup(t => t.ArticleId, t => new TagLink(t.Name, t.Slug));

        return rows.Select(r => r.ToArticle(tags[r.Id].ToList())).ToList();
    }

    /// <summary>
    /// The version of everything public, from two index lookups: the last journaled public change (every publish,
    /// edit, unpublish, trash, restore and bio that readers can see writes one) and the last publication that has
    /// come due by <paramref name="now"/>, which moves when a scheduled article appears without any write.
    /// </summary>
    public async Task<ContentVersion> FindContentVersionAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long? LastChangeId, string? LastChangeAt, string? LastPublished)>(
            $"""
            SELECT c.id, c.changed_at, (SELECT max(a.published_at) FROM articles a WHERE {VisibleSql})
            FROM (SELECT 1) LEFT JOIN (SELECT id, changed_at FROM content_changes ORDER BY id DESC LIMIT 1) c;
            """,
            new { Now = SqliteDates.ToText(now) });

        var lastWrite = SqliteDates.FromNullableText(row.LastChangeAt);
        var lastPublished = SqliteDates.FromNullableText(row.LastPublished);
        var lastChange = lastWrite > lastPublished || lastPublished is null ? lastWrite : lastPublished;
        return new ContentVersion(lastChange, $"{row.LastChangeId}|{row.LastPublished}");
    }

    public async Task<SitemapCounts> CountSitemapEntriesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<(long Articles, long ListingPages)>(
            $"""
            SELECT (SELECT count(*) FROM articles a WHERE {VisibleSql}) AS Articles,
                   (SELECT count(*) FROM tags t
                    WHERE EXISTS (SELECT 1 FROM article_tags at JOIN articles a ON a.id = at.article_id
                                  WHERE at.tag_id = t.id AND {VisibleSql}))
                 + (SELECT count(*) FROM authors au
                    WHERE EXISTS (SELECT 1 FROM articles a WHERE a.author_id = au.id AND {VisibleSql})) AS ListingPages;
            """,
            new { Now = SqliteDates.ToText(now) });
        return new SitemapCounts((int)counts.Articles, (int)counts.ListingPages);
    }

    /// <summary>Published articles in a stable order (oldest row first), so a new article only ever joins the last part.</summary>
    public async Task<IReadOnlyList<SitemapEntry>> ListSitemapArticlesAsync(
        int part, int partSize, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Slug, string LastModified)>(
            $"""
            SELECT a.slug, {LastChangedSql}
            FROM articles a
            WHERE {VisibleSql}
            ORDER BY a.id
            LIMIT @Limit OFFSET @Offset;
            """,
            new { Now = SqliteDates.ToText(now), Limit = partSize, Offset = Offset(part, partSize) });
        return rows.Select(r => new SitemapEntry(SitemapPageKind.Article, r.Slug, SqliteDates.FromText(r.LastModified))).ToList();
    }

    /// <summary>Tag and author pages that list at least one published article, each last changed with its newest article.</summary>
    public async Task<IReadOnlyList<SitemapEntry>> ListSitemapListingPagesAsync(
        int part, int partSize, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Kind, string Slug, string LastModified)>(
            $"""
            SELECT 1 AS kind, t.slug AS slug, max({LastChangedSql})
            FROM tags t
            JOIN article_tags at ON at.tag_id = t.id
            JOIN articles a ON a.id = at.article_id
            WHERE {VisibleSql}
            GROUP BY t.id
            UNION ALL
            SELECT 2, au.slug, max({LastChangedSql})
            FROM authors au
            JOIN articles a ON a.author_id = au.id
            WHERE {VisibleSql}
            GROUP BY au.id
            ORDER BY kind, slug
            LIMIT @Limit OFFSET @Offset;
            """,
            new { Now = SqliteDates.ToText(now), Limit = partSize, Offset = Offset(part, partSize) });
        return rows.Select(r => new SitemapEntry(
            r.Kind == 1 ? SitemapPageKind.Tag : SitemapPageKind.Author, r.Slug, SqliteDates.FromText(r.LastModified))).ToList();
    }

    /// <summary>Articles published after <paramref name="since"/>, newest first: the Google News sitemap's window.</summary>
    public async Task<IReadOnlyList<NewsSitemapEntry>> ListPublishedSinceAsync(
        DateTimeOffset since, int limit, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Slug, string Title, string PublishedAt)>(
            $"""
            SELECT a.id, a.slug, a.title, a.published_at
            FROM articles a
            WHERE {VisibleSql} AND a.published_at > @Since
            ORDER BY a.published_at DESC, a.id DESC
            LIMIT @Limit;
            """,
            new { Now = SqliteDates.ToText(now), Since = SqliteDates.ToText(since), Limit = limit });
        return rows.Select(r => new NewsSitemapEntry(r.Id, r.Slug, r.Title, SqliteDates.FromText(r.PublishedAt))).ToList();
    }

    private sealed class ArticleTagRow
    {
        public long ArticleId { get; init; }
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
    }
}
