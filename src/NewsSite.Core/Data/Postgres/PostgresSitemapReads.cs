using Dapper;
using NewsSite.Core.Articles;
using static NewsSite.Core.Data.Postgres.PostgresVisibility;

namespace NewsSite.Core.Data.Postgres;

/// <summary>What the sitemaps list. Like every public read, only published articles count.</summary>
public sealed class PostgresSitemapReads(PostgresDatabase database) : ISitemapReads
{
    // The sitemap's lastmod of an article: the declared update when later than publication.
    private const string LastChangedSql = "greatest(a.published_at, coalesce(a.updated_at, a.published_at))";

    public Task<SitemapCounts> CountSitemapEntriesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            var counts = await connection.QuerySingleAsync<CountsRow>(new CommandDefinition(
                $"""
                SELECT (SELECT count(*) FROM articles a WHERE {VisibleSql}) AS Articles,
                       (SELECT count(*) FROM tags t
                        WHERE EXISTS (SELECT 1 FROM article_tags at JOIN articles a ON a.id = at.article_id
                                      WHERE at.tag_id = t.id AND {VisibleSql}))
                     + (SELECT count(*) FROM authors au
                        WHERE EXISTS (SELECT 1 FROM articles a WHERE a.author_id = au.id AND {VisibleSql})
                           OR EXISTS (SELECT 1 FROM article_authors aa JOIN articles a ON a.id = aa.article_id
                                      WHERE aa.author_id = au.id AND {VisibleSql}))
                     + (SELECT count(*) FROM ressorts r
                        WHERE EXISTS (SELECT 1 FROM articles a WHERE a.ressort_id = r.id AND {VisibleSql})) AS ListingPages;
                """,
                new { Now = now }, cancellationToken: cancellationToken));
            return new SitemapCounts((int)counts.Articles, (int)counts.ListingPages);
        }, cancellationToken);

    public Task<IReadOnlyList<SitemapEntry>> ListSitemapArticlesAsync(
        int part, int partSize, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<SitemapEntry>>(async connection =>
        {
            var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
                $"""
                SELECT 0 AS Kind, a.slug AS Slug, {LastChangedSql} AS LastModified
                FROM articles a
                WHERE {VisibleSql}
                ORDER BY a.id
                LIMIT @Limit OFFSET @Offset;
                """,
                new { Now = now, Limit = partSize, Offset = Offset(part, partSize) }, cancellationToken: cancellationToken));
            return rows.Select(r => new SitemapEntry(SitemapPageKind.Article, r.Slug, r.LastModified)).ToList();
        }, cancellationToken);

    /// <remarks>Slugs in the order of their bytes (COLLATE "C"), as SQLite compares text, whatever the database's collation.</remarks>
    public Task<IReadOnlyList<SitemapEntry>> ListSitemapListingPagesAsync(
        int part, int partSize, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<SitemapEntry>>(async connection =>
        {
            var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
                $"""
                SELECT kind AS Kind, slug AS Slug, last_changed AS LastModified
                FROM (SELECT 1 AS kind, t.slug AS slug, max({LastChangedSql}) AS last_changed
                      FROM tags t
                      JOIN article_tags at ON at.tag_id = t.id
                      JOIN articles a ON a.id = at.article_id
                      WHERE {VisibleSql}
                      GROUP BY t.id
                      UNION ALL
                      SELECT 2, au.slug, max(written.last_changed)
                      FROM authors au
                      JOIN (SELECT a.author_id, {LastChangedSql} AS last_changed FROM articles a WHERE {VisibleSql}
                            UNION ALL
                            SELECT aa.author_id, {LastChangedSql} FROM article_authors aa JOIN articles a ON a.id = aa.article_id
                            WHERE {VisibleSql}) written ON written.author_id = au.id
                      GROUP BY au.id
                      UNION ALL
                      SELECT 3, r.slug, max({LastChangedSql})
                      FROM ressorts r
                      JOIN articles a ON a.ressort_id = r.id
                      WHERE {VisibleSql}
                      GROUP BY r.id) AS pages
                ORDER BY kind, slug COLLATE "C"
                LIMIT @Limit OFFSET @Offset;
                """,
                new { Now = now, Limit = partSize, Offset = Offset(part, partSize) }, cancellationToken: cancellationToken));
            return rows.Select(r => new SitemapEntry(
                r.Kind switch { 1 => SitemapPageKind.Tag, 2 => SitemapPageKind.Author, _ => SitemapPageKind.Ressort }, r.Slug, r.LastModified)).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<NewsSitemapEntry>> ListPublishedSinceAsync(
        DateTimeOffset since, int limit, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<NewsSitemapEntry>>(async connection =>
        {
            var rows = await connection.QueryAsync<NewsRow>(new CommandDefinition(
                $"""
                SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, a.published_at AS PublishedAt
                FROM articles a
                WHERE {VisibleSql} AND a.published_at > @Since
                ORDER BY a.published_at DESC, a.id DESC
                LIMIT @Limit;
                """,
                new { Now = now, Since = since, Limit = limit }, cancellationToken: cancellationToken));
            return rows.Select(r => new NewsSitemapEntry(r.Id, r.Slug, r.Title, r.PublishedAt)).ToList();
        }, cancellationToken);

    private sealed class CountsRow
    {
        public long Articles { get; init; }
        public long ListingPages { get; init; }
    }

    private sealed class EntryRow
    {
        public int Kind { get; init; }
        public string Slug { get; init; } = "";
        public DateTimeOffset LastModified { get; init; }
    }

    private sealed class NewsRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public DateTimeOffset PublishedAt { get; init; }
    }
}
