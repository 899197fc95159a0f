using Dapper;
using NewsSite.Core.Articles;
using static NewsSite.Core.Data.Sqlite.SqliteVisibility;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>What the sitemaps list. Like every public read, only published articles count.</summary>
public sealed class SqliteSitemapReads(SqliteDatabase database) : ISitemapReads
{
    // The sitemap's lastmod of an article: the declared update when later than publication (max() of SQLite's scalar kind).
    private const string LastChangedSql = "max(a.published_at, coalesce(a.updated_at, a.published_at))";

    public Task<SitemapCounts> CountSitemapEntriesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            var counts = await connection.QuerySingleAsync<(long Articles, long ListingPages)>(
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
                new { Now = SqliteDates.ToText(now) });
            return new SitemapCounts((int)counts.Articles, (int)counts.ListingPages);
        }, cancellationToken);

    public Task<IReadOnlyList<SitemapEntry>> ListSitemapArticlesAsync(
        int part, int partSize, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<SitemapEntry>>(async connection =>
        {
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
        }, cancellationToken);

    public Task<IReadOnlyList<SitemapEntry>> ListSitemapListingPagesAsync(
        int part, int partSize, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<SitemapEntry>>(async connection =>
        {
            var rows = await connection.QueryAsync<(long Kind, string Slug, string LastModified)>(
                $"""
                SELECT 1 AS kind, t.slug AS slug, max({LastChangedSql})
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
                GROUP BY r.id
                ORDER BY kind, slug
                LIMIT @Limit OFFSET @Offset;
                """,
                new { Now = SqliteDates.ToText(now), Limit = partSize, Offset = Offset(part, partSize) });
            return rows.Select(r => new SitemapEntry(
                r.Kind switch { 1 => SitemapPageKind.Tag, 2 => SitemapPageKind.Author, _ => SitemapPageKind.Ressort }, r.Slug, SqliteDates.FromText(r.LastModified))).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<NewsSitemapEntry>> ListPublishedSinceAsync(
        DateTimeOffset since, int limit, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<NewsSitemapEntry>>(async connection =>
        {
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
        }, cancellationToken);
}
