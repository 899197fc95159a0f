using System.Globalization;
using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Stored;
using static NewsSite.Core.Data.Sqlite.SqliteVisibility;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// The published articles in lists. Every page of a listing reads its ids from one covering index and its total from
/// the counters kept by the triggers of 0006_scale.sql, so that a site of 100,000 articles costs what a small one does.
/// </summary>
public sealed class SqliteArticleListings(SqliteDatabase database) : IArticleListings
{
    /// <remarks>
    /// A page is found by skipping index entries (OFFSET), which costs as many steps as there are entries before it.
    /// Past the middle, the page is read from the oldest end instead, so no page skips more than half of its listing:
    /// the last page of a tag with 30,000 articles is as cheap as the first. Count and page are read in one read
    /// transaction, so that both see the same articles.
    /// </remarks>
    public Task<PagedList<ArticleTeaser>> ListPublishedAsync(
        ArticleScope scope, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return database.ReadConsistentAsync(async (session, transaction) =>
        {
            var total = await session.ScalarPreparedAsync<int>(
                VisibleCountSql(scope), transaction, cancellationToken, ScopeParameters(scope, now, pageSize));

            var offset = SqliteVisibility.Offset(page, pageSize);
            var fromOldest = offset * 2 > total;
            var parameters = fromOldest
                ? ScopeParameters(scope, now, limit: (int)Math.Clamp(total - offset, 0, pageSize), offset: Math.Max(0, total - offset - pageSize))
                : ScopeParameters(scope, now, pageSize, offset);
            var rows = await session.QueryPreparedAsync<TeaserRow>(TeaserPageSql(scope, newestFirst: !fromOldest), transaction, cancellationToken, parameters);

            var items = rows
                .Select(r => new ArticleTeaser(r.Slug, r.Title, r.Summary, r.AuthorName, r.AuthorSlug, SqliteDates.FromText(r.PublishedAt),
                    LeadPictureJson.Read(r.LeadPicture)) { CoAuthors = CoAuthorJson.Read(r.CoAuthorsJson) })
                .ToList();
            return new PagedList<ArticleTeaser>(items, page, pageSize, total);
        }, cancellationToken);
    }

    private static string TeaserPageSql(ArticleScope scope, bool newestFirst) =>
        $"""
        WITH page AS ({PageOfIdsSql(scope, newestFirst)})
        SELECT a.slug AS Slug, a.title AS Title, a.summary AS Summary,
               au.display_name AS AuthorName, au.slug AS AuthorSlug, a.published_at AS PublishedAt, a.lead_picture AS LeadPicture,
               {SqliteCoAuthors.Column("a")} AS CoAuthorsJson
        FROM page p
        JOIN articles a ON a.id = p.id
        JOIN authors au ON au.id = a.author_id
        ORDER BY p.published_at DESC, p.id DESC;
        """;

    /// <summary>One statement whatever the number of articles: the page of rows, each with its tags.</summary>
    public Task<IReadOnlyList<PublishedArticle>> ListLatestAsync(
        ArticleScope scope, int limit, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return database.RunOnSessionAsync<IReadOnlyList<PublishedArticle>>(async session =>
        {
            var rows = await session.QueryPreparedAsync<SqlitePublishedArticles.ArticleRow>(
                LatestSql(scope), null, cancellationToken, ScopeParameters(scope, now, limit));
            return rows.Select(r => r.ToArticle()).ToList();
        }, cancellationToken);
    }

    private static string LatestSql(ArticleScope scope) =>
        $"""
        WITH page AS ({PageOfIdsSql(scope)})
        SELECT {SqlitePublishedArticles.ArticleColumns}
        FROM page p
        JOIN articles a ON a.id = p.id
        JOIN authors au ON au.id = a.author_id
        {SqlitePublishedArticles.RessortJoin}
        ORDER BY p.published_at DESC, p.id DESC;
        """;

    /// <summary>
    /// The ids and dates (columns id, published_at) of one page of a scope's published articles, newest first, read
    /// from a single index without touching the articles' rows, so that even a page deep in a big tag only steps
    /// through index entries: ix_articles_live, ix_articles_author_live or, for a tag, ix_article_tags_tag with the
    /// copied dates. One statement per scope rather than "@Slug IS NULL OR …", so that SQLite plans each with its
    /// own index. Read from the oldest end with <paramref name="newestFirst"/> false, walking the same index
    /// backwards. Parameters from <see cref="ScopeParameters"/>.
    /// </summary>
    internal static string PageOfIdsSql(ArticleScope scope, bool newestFirst = true)
    {
        var order = newestFirst ? "DESC" : "ASC";
        return scope.Kind switch
        {
            ArticleScopeKind.Site =>
                $"""
                SELECT a.id, a.published_at FROM articles a
                WHERE {VisibleSql}
                ORDER BY a.published_at {order}, a.id {order} LIMIT @Limit OFFSET @Offset
                """,
            ArticleScopeKind.Tag =>
                $"""
                SELECT at.article_id AS id, at.published_at FROM article_tags at
                WHERE at.tag_id = (SELECT id FROM tags WHERE slug = @Slug) AND at.is_live = 1 AND at.published_at <= @Now
                ORDER BY at.published_at {order}, at.article_id {order} LIMIT @Limit OFFSET @Offset
                """,
            // The first author's articles from ix_articles_author_live and the co-written ones from
            // ix_article_authors_author (with the copied dates), merged in order; an author is never both in one article.
            ArticleScopeKind.Author =>
                $"""
                SELECT a.id, a.published_at FROM articles a
                WHERE a.author_id = (SELECT id FROM authors WHERE slug = @Slug) AND {VisibleSql}
                UNION ALL
                SELECT aa.article_id, aa.published_at FROM article_authors aa
                WHERE aa.author_id = (SELECT id FROM authors WHERE slug = @Slug) AND aa.is_live = 1 AND aa.published_at <= @Now
                ORDER BY 2 {order}, 1 {order} LIMIT @Limit OFFSET @Offset
                """,
            ArticleScopeKind.Month =>
                $"""
                SELECT a.id, a.published_at FROM articles a
                WHERE {VisibleSql} AND a.published_at >= @From AND a.published_at < @To
                ORDER BY a.published_at {order}, a.id {order} LIMIT @Limit OFFSET @Offset
                """,
            ArticleScopeKind.Ressort =>
                $"""
                SELECT a.id, a.published_at FROM articles a
                WHERE a.ressort_id = (SELECT id FROM ressorts WHERE slug = @Slug) AND {VisibleSql}
                ORDER BY a.published_at {order}, a.id {order} LIMIT @Limit OFFSET @Offset
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(scope)),
        };
    }

    /// <summary>
    /// How many articles a scope has published: the live count kept by triggers (0006_scale.sql) minus the scheduled
    /// ones, which are few and found at the far end of the same indexes. A month is small and simply counted.
    /// </summary>
    internal static string VisibleCountSql(ArticleScope scope) => scope.Kind switch
    {
        ArticleScopeKind.Site =>
            $"""
            SELECT (SELECT live_articles FROM article_totals) - (SELECT count(*) FROM articles a WHERE {ScheduledSql})
            """,
        ArticleScopeKind.Tag =>
            """
            SELECT coalesce((
                SELECT t.live_articles
                     - (SELECT count(*) FROM article_tags at WHERE at.tag_id = t.id AND at.is_live = 1 AND at.published_at > @Now)
                FROM tags t WHERE t.slug = @Slug), 0)
            """,
        ArticleScopeKind.Author =>
            $"""
            SELECT coalesce((
                SELECT au.live_articles - (SELECT count(*) FROM articles a WHERE a.author_id = au.id AND {ScheduledSql})
                     - (SELECT count(*) FROM article_authors aa WHERE aa.author_id = au.id AND aa.is_live = 1 AND aa.published_at > @Now)
                FROM authors au WHERE au.slug = @Slug), 0)
            """,
        ArticleScopeKind.Month =>
            $"""
            SELECT count(*) FROM articles a
            WHERE {VisibleSql} AND a.published_at >= @From AND a.published_at < @To
            """,
        // Counted in ix_articles_ressort_live: a few thousand index entries for a big Ressort, no row read.
        ArticleScopeKind.Ressort =>
            $"""
            SELECT count(*) FROM articles a
            WHERE a.ressort_id = (SELECT id FROM ressorts WHERE slug = @Slug) AND {VisibleSql}
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    /// <summary>@Slug, @From and @To (a month's Berlin boundaries as UTC text), @Now, @Limit and @Offset.</summary>
    internal static (string Name, object? Value)[] ScopeParameters(ArticleScope scope, DateTimeOffset now, int limit, long offset = 0) =>
    [
        ("@Slug", scope.Slug),
        ("@From", SqliteDates.ToText(scope.Month?.Start)),
        ("@To", SqliteDates.ToText(scope.Month?.End)),
        ("@Now", SqliteDates.ToText(now)),
        ("@Limit", limit),
        ("@Offset", offset),
    ];

    // "yyyy-MM" for most instants, "yyyy-MM-ddTHH" from day 28, 21:00 UTC on; see ListArchiveMonthsAsync.
    internal const string ArchiveBucketsSql =
        $"""
        SELECT CASE WHEN substr(a.published_at, 9, 5) < '28T21' THEN substr(a.published_at, 1, 7)
                    ELSE substr(a.published_at, 1, 13) END AS bucket,
               count(*)
        FROM articles a
        WHERE {VisibleSql}
        GROUP BY bucket;
        """;

    /// <remarks>
    /// SQLite knows no time zones (its 'localtime' is the server's zone, not Berlin's), so the statement groups into
    /// buckets that never straddle a Berlin month boundary, and C# assigns each bucket to its month. Berlin has been
    /// 1 to 3 whole hours ahead of UTC since 1893, never behind: an instant more than 3 hours before the end of its
    /// UTC month is in the same month in Berlin, and is counted by its UTC month ("2025-03"). Only the last hours of
    /// a UTC month (day 28 from 21:00 on) are counted by the UTC hour ("2025-03-31T22"), which lies wholly in one
    /// Berlin month because offsets and clock changes are whole hours. The result is at most a dozen rows per
    /// month; the statement reads only the index ix_articles_live.
    /// </remarks>
    public Task<IReadOnlyList<ArchiveMonthCount>> ListArchiveMonthsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<ArchiveMonthCount>>(async connection =>
        {
            var buckets = await connection.QueryAsync<(string Bucket, long Count)>(ArchiveBucketsSql, new { Now = SqliteDates.ToText(now) });

            var counts = new Dictionary<ArchiveMonth, int>();
            foreach (var (bucket, count) in buckets)
            {
                // Months outside the archive's years (a front matter dated 1850) have no address and are left out.
                if (MonthOfBucket(bucket) is { } month)
                {
                    counts[month] = counts.GetValueOrDefault(month) + (int)count;
                }
            }

            return counts.OrderByDescending(c => c.Key).Select(c => new ArchiveMonthCount(c.Key, c.Value)).ToList();
        }, cancellationToken);

    private static ArchiveMonth? MonthOfBucket(string bucket)
    {
        if (bucket.Length == 7)
        {
            var year = int.Parse(bucket[..4], CultureInfo.InvariantCulture);
            var month = int.Parse(bucket[5..7], CultureInfo.InvariantCulture);
            return ArchiveMonth.TryCreate(year, month, out var utcMonth) ? utcMonth : null;
        }

        var hour = DateTimeOffset.ParseExact(bucket, "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return ArchiveMonth.Containing(hour);
    }

    /// <summary>Two index lookups: the newest article before the month, the oldest after it.</summary>
    public Task<ArchiveNeighbours> FindArchiveNeighboursAsync(
        ArchiveMonth month, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            var row = await connection.QuerySingleAsync<(string? Before, string? After)>(
                $"""
                SELECT (SELECT max(a.published_at) FROM articles a WHERE {VisibleSql} AND a.published_at < @From),
                       (SELECT min(a.published_at) FROM articles a WHERE {VisibleSql} AND a.published_at >= @To);
                """,
                new { From = SqliteDates.ToText(month.Start), To = SqliteDates.ToText(month.End), Now = SqliteDates.ToText(now) });

            return new ArchiveNeighbours(
                row.Before is null ? null : ArchiveMonth.Containing(SqliteDates.FromText(row.Before)),
                row.After is null ? null : ArchiveMonth.Containing(SqliteDates.FromText(row.After)));
        }, cancellationToken);

    public Task<IReadOnlyList<TagCount>> ListTagsWithArticlesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<TagCount>>(async connection =>
        {
            var rows = await connection.QueryAsync<(string Name, string Slug, long Count)>(
                """
                SELECT name, slug, visible
                FROM (SELECT t.display_name AS name, t.slug AS slug,
                             -- The live count kept on write, less the few scheduled ones.
                             t.live_articles - (SELECT count(*) FROM article_tags at
                                                WHERE at.tag_id = t.id AND at.is_live = 1 AND at.published_at > @Now) AS visible
                      FROM tags t
                      WHERE t.live_articles > 0)
                WHERE visible > 0;
                """,
                new { Now = SqliteDates.ToText(now) });

            // Sorted here rather than by ORDER BY: SQLite would put "Ärzte" after "Zoll".
            return rows.Select(r => new TagCount(r.Name, r.Slug, (int)r.Count)).OrderBy(t => t.Name, GermanOrder.Names).ToList();
        }, cancellationToken);

    private sealed class TeaserRow
    {
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string AuthorSlug { get; init; } = "";
        public string PublishedAt { get; init; } = "";
        public string? LeadPicture { get; init; }
        public string? CoAuthorsJson { get; init; }
    }
}
