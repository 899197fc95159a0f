using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Stored;
using static NewsSite.Core.Data.Postgres.PostgresVisibility;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The published articles in lists. Every page of a listing reads its ids from one index and its total from the
/// counters kept by the triggers of 0001_schema.sql, so that a site of 100,000 articles costs what a small one does.
/// </summary>
public sealed class PostgresArticleListings(PostgresDatabase database) : IArticleListings
{
    /// <remarks>
    /// A page is found by skipping index entries (OFFSET), which costs as many steps as there are entries before it.
    /// Past the middle, the page is read from the oldest end instead, so no page skips more than half of its listing:
    /// the last page of a tag with 30,000 articles is as cheap as the first. Count and page are read in one
    /// REPEATABLE READ transaction, so that both see the same articles.
    /// </remarks>
    public Task<PagedList<ArticleTeaser>> ListPublishedAsync(
        ArticleScope scope, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return database.ReadConsistentAsync(async (connection, transaction) =>
        {
            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                PlanOnceSql + VisibleCountSql(scope), ScopeParameters(scope, now, pageSize), transaction, cancellationToken: cancellationToken));

            var offset = PostgresVisibility.Offset(page, pageSize);
            var fromOldest = offset * 2 > total;
            var parameters = fromOldest
                ? ScopeParameters(scope, now, limit: (int)Math.Clamp(total - offset, 0, pageSize), offset: Math.Max(0, total - offset - pageSize))
                : ScopeParameters(scope, now, pageSize, offset);
            var rows = await connection.QueryAsync<TeaserRow>(new CommandDefinition(
                TeaserPageSql(scope, newestFirst: !fromOldest), parameters, transaction, cancellationToken: cancellationToken));

            var items = rows
                .Select(r => new ArticleTeaser(r.Slug, r.Title, r.Summary, r.AuthorName, r.AuthorSlug, r.PublishedAt,
                    LeadPictureJson.Read(r.LeadPicture)) { CoAuthors = CoAuthorJson.Read(r.CoAuthorsJson) })
                .ToList();
            return new PagedList<ArticleTeaser>(items, page, pageSize, total);
        }, cancellationToken);
    }

    /// <summary>
    /// Sent with the count, in the same round trip: the listing's statements keep one plan for every value. Left to
    /// itself, PostgreSQL compares a generic plan's estimate (a third of all articles before an unknown instant, an
    /// unknown OFFSET) with that of plans made for the values and, finding it dearer, planned the home page's two
    /// statements anew on every request: 0.33 ms of the server's CPU, for the same index walk each time (docs/performance.md).
    /// A listing's plan does not depend on its values: each statement reads one index in order. JIT off: the generic
    /// plan's estimate (a third of all articles) passes jit_above_cost, and compiling the feed's statement took 17 ms
    /// to read 20 rows.
    /// </summary>
    internal const string PlanOnceSql = "SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL jit = off;\n";

    private static string TeaserPageSql(ArticleScope scope, bool newestFirst) =>
        $"""
        WITH page AS ({PageOfIdsSql(scope, newestFirst)})
        SELECT a.slug AS Slug, a.title AS Title, a.summary AS Summary,
               au.display_name AS AuthorName, au.slug AS AuthorSlug, a.published_at AS PublishedAt, a.lead_picture AS LeadPicture,
               {PostgresCoAuthors.Column("a")} AS CoAuthorsJson
        FROM page p
        JOIN articles a ON a.id = p.id
        JOIN authors au ON au.id = a.author_id
        ORDER BY p.published_at DESC, p.id DESC;
        """;

    /// <summary>
    /// One statement whatever the number of articles: the page of rows, each with its tags. In a transaction of its
    /// own only for <see cref="PlanOnceSql"/> (SET LOCAL needs one): planned anew on every request, a feed spent
    /// 0.48 ms of the server's CPU planning and 0.77 executing.
    /// </summary>
    public Task<IReadOnlyList<PublishedArticle>> ListLatestAsync(
        ArticleScope scope, int limit, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return database.ReadConsistentAsync<IReadOnlyList<PublishedArticle>>(async (connection, transaction) =>
        {
            var rows = await connection.QueryAsync<PostgresPublishedArticles.ArticleRow>(new CommandDefinition(
                PlanOnceSql + LatestSql(scope), ScopeParameters(scope, now, limit), transaction, cancellationToken: cancellationToken));
            return rows.Select(r => r.ToArticle()).ToList();
        }, cancellationToken);
    }

    private static string LatestSql(ArticleScope scope) =>
        $"""
        WITH page AS ({PageOfIdsSql(scope)})
        SELECT {PostgresPublishedArticles.ArticleColumns}
        FROM page p
        JOIN articles a ON a.id = p.id
        JOIN authors au ON au.id = a.author_id
        {PostgresPublishedArticles.RessortJoin}
        ORDER BY p.published_at DESC, p.id DESC;
        """;

    /// <summary>
    /// The ids and dates (columns id, published_at) of one page of a scope's published articles, newest first, read
    /// from a single index: ix_articles_live, ix_articles_author_live, ix_articles_ressort_live or, for a tag,
    /// ix_article_tags_tag with the copied dates. One statement per scope rather than "@Slug IS NULL OR …", so that
    /// PostgreSQL plans each with its own index (a prepared statement's generic plan could not choose). Read from the
    /// oldest end with <paramref name="newestFirst"/> false, walking the same index backwards. Parameters from
    /// <see cref="ScopeParameters"/>.
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
                WHERE at.tag_id = (SELECT id FROM tags WHERE slug = @Slug) AND at.is_live AND at.published_at <= @Now
                ORDER BY at.published_at {order}, at.article_id {order} LIMIT @Limit OFFSET @Offset
                """,
            // The first author's articles from ix_articles_author_live and the co-written ones from
            // ix_article_authors_author (with the copied dates), merged in order; an author is never both in one article.
            // Each branch is ordered and cut to the page's end itself: then PostgreSQL merges two short index walks
            // (Merge Append). With the ORDER BY only around the UNION ALL it read and sorted all of the author's
            // articles, 18,359 of them for 20 (3 ms instead of 0.06 at 100,000 articles).
            ArticleScopeKind.Author =>
                $"""
                SELECT u.id, u.published_at FROM (
                    (SELECT a.id, a.published_at FROM articles a
                     WHERE a.author_id = (SELECT id FROM authors WHERE slug = @Slug) AND {VisibleSql}
                     ORDER BY a.published_at {order}, a.id {order} LIMIT @Limit + @Offset)
                    UNION ALL
                    (SELECT aa.article_id, aa.published_at FROM article_authors aa
                     WHERE aa.author_id = (SELECT id FROM authors WHERE slug = @Slug) AND aa.is_live AND aa.published_at <= @Now
                     ORDER BY aa.published_at {order}, aa.article_id {order} LIMIT @Limit + @Offset)) u
                ORDER BY u.published_at {order}, u.id {order} LIMIT @Limit OFFSET @Offset
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
    /// How many articles a scope has published: the live count kept by triggers (0001_schema.sql) minus the scheduled
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
                     - (SELECT count(*) FROM article_tags at WHERE at.tag_id = t.id AND at.is_live AND at.published_at > @Now)
                FROM tags t WHERE t.slug = @Slug), 0)
            """,
        ArticleScopeKind.Author =>
            $"""
            SELECT coalesce((
                SELECT au.live_articles - (SELECT count(*) FROM articles a WHERE a.author_id = au.id AND {ScheduledSql})
                     - (SELECT count(*) FROM article_authors aa WHERE aa.author_id = au.id AND aa.is_live AND aa.published_at > @Now)
                FROM authors au WHERE au.slug = @Slug), 0)
            """,
        ArticleScopeKind.Month =>
            $"""
            SELECT count(*) FROM articles a
            WHERE {VisibleSql} AND a.published_at >= @From AND a.published_at < @To
            """,
        // Counted in ix_articles_ressort_live: a few thousand index entries for a big Ressort.
        ArticleScopeKind.Ressort =>
            $"""
            SELECT count(*) FROM articles a
            WHERE a.ressort_id = (SELECT id FROM ressorts WHERE slug = @Slug) AND {VisibleSql}
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    /// <summary>@Slug, @From and @To (a month's Berlin boundaries as instants), @Now, @Limit and @Offset.</summary>
    internal static ScopeArguments ScopeParameters(ArticleScope scope, DateTimeOffset now, int limit, long offset = 0) =>
        new(scope.Slug, scope.Month?.Start, scope.Month?.End, now, limit, offset);

    /// <summary>A scope's statement parameters; each statement names only those it needs, and Dapper sends only those.</summary>
    internal sealed record ScopeArguments(string? Slug, DateTimeOffset? From, DateTimeOffset? To, DateTimeOffset Now, int Limit, long Offset);

    // The Berlin month of each published article, counted: PostgreSQL knows the zone's rules (tz database). The month
    // as the first instant of Berlin's wall clock in it (a timestamp without zone), which groups twice as fast as
    // extracting year and month.
    internal const string ArchiveMonthsSql =
        $"""
        SELECT date_trunc('month', a.published_at AT TIME ZONE 'Europe/Berlin') AS Month, count(*) AS Count
        FROM articles a
        WHERE {VisibleSql}
        GROUP BY 1;
        """;

    /// <remarks>
    /// Unlike SQLite, PostgreSQL converts each instant to Berlin's wall clock itself (AT TIME ZONE 'Europe/Berlin'), so
    /// the statement groups by the Berlin month directly. The result is one row per month. It reads every published
    /// article's date: about 40 ms at 100,000 articles on the test server.
    /// </remarks>
    public Task<IReadOnlyList<ArchiveMonthCount>> ListArchiveMonthsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<ArchiveMonthCount>>(async connection =>
        {
            var rows = await connection.QueryAsync<MonthRow>(new CommandDefinition(
                ArchiveMonthsSql, new { Now = now }, cancellationToken: cancellationToken));

            var counts = new List<ArchiveMonthCount>();
            foreach (var row in rows)
            {
                // Months outside the archive's years (a front matter dated 1850) have no address and are left out.
                if (ArchiveMonth.TryCreate(row.Month.Year, row.Month.Month, out var month))
                {
                    counts.Add(new ArchiveMonthCount(month, (int)row.Count));
                }
            }

            return counts.OrderByDescending(c => c.Month).ToList();
        }, cancellationToken);

    /// <summary>Two index lookups: the newest article before the month, the oldest after it.</summary>
    public Task<ArchiveNeighbours> FindArchiveNeighboursAsync(
        ArchiveMonth month, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            var row = await connection.QuerySingleAsync<NeighbourRow>(new CommandDefinition(
                $"""
                SELECT (SELECT max(a.published_at) FROM articles a WHERE {VisibleSql} AND a.published_at < @From) AS Before,
                       (SELECT min(a.published_at) FROM articles a WHERE {VisibleSql} AND a.published_at >= @To) AS After;
                """,
                new { From = month.Start, To = month.End, Now = now }, cancellationToken: cancellationToken));

            return new ArchiveNeighbours(
                row.Before is { } before ? ArchiveMonth.Containing(before) : null,
                row.After is { } after ? ArchiveMonth.Containing(after) : null);
        }, cancellationToken);

    public Task<IReadOnlyList<TagCount>> ListTagsWithArticlesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<TagCount>>(async connection =>
        {
            var rows = await connection.QueryAsync<TagCountRow>(new CommandDefinition(
                """
                SELECT name AS Name, slug AS Slug, visible AS Count
                FROM (SELECT t.display_name AS name, t.slug AS slug,
                             -- The live count kept on write, less the few scheduled ones.
                             t.live_articles - (SELECT count(*) FROM article_tags at
                                                WHERE at.tag_id = t.id AND at.is_live AND at.published_at > @Now) AS visible
                      FROM tags t
                      WHERE t.live_articles > 0) AS counted
                WHERE visible > 0;
                """,
                new { Now = now }, cancellationToken: cancellationToken));

            // Sorted here, by the one German order of the site, rather than by the database's collation.
            return rows.Select(r => new TagCount(r.Name, r.Slug, (int)r.Count)).OrderBy(t => t.Name, GermanOrder.Names).ToList();
        }, cancellationToken);

    private sealed class TeaserRow
    {
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string AuthorSlug { get; init; } = "";
        public DateTimeOffset PublishedAt { get; init; }
        public string? LeadPicture { get; init; }
        public string? CoAuthorsJson { get; init; }
    }

    private sealed class MonthRow
    {
        public DateTime Month { get; init; }
        public long Count { get; init; }
    }

    private sealed class NeighbourRow
    {
        public DateTimeOffset? Before { get; init; }
        public DateTimeOffset? After { get; init; }
    }

    private sealed class TagCountRow
    {
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
        public long Count { get; init; }
    }
}
