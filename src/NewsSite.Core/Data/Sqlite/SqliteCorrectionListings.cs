using NewsSite.Core.Articles;
using static NewsSite.Core.Data.Sqlite.SqliteVisibility;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// The corrections page over table article_corrections (0019_corrections.sql): newest first along
/// ix_article_corrections_newest, each checked against the public rule through its article's row. Corrections are few
/// (a newsroom's in a year are hundreds), so the page is counted rather than kept in a counter.
/// </summary>
public sealed class SqliteCorrectionListings(SqliteDatabase database) : ICorrectionListings
{
    private const string CountSql =
        $"""
        SELECT count(*) FROM article_corrections c JOIN articles a ON a.id = c.article_id WHERE {VisibleSql};
        """;

    private const string PageSql =
        $"""
        SELECT c.corrected_at AS At, c.text AS Text, a.slug AS ArticleSlug, a.title AS ArticleTitle, c.revision AS Revision
        FROM article_corrections c
        JOIN articles a ON a.id = c.article_id
        WHERE {VisibleSql}
        ORDER BY c.corrected_at DESC, c.id DESC
        LIMIT @Limit OFFSET @Offset;
        """;

    public Task<PagedList<PublishedCorrection>> ListPublishedAsync(
        int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.ReadConsistentAsync(async (session, transaction) =>
        {
            var nowText = SqliteDates.ToText(now);
            var total = await session.ScalarPreparedAsync<int>(CountSql, transaction, cancellationToken, ("@Now", nowText));
            var rows = await session.QueryPreparedAsync<CorrectionRow>(
                PageSql, transaction, cancellationToken,
                ("@Now", nowText), ("@Limit", pageSize), ("@Offset", SqliteVisibility.Offset(page, pageSize)));
            return new PagedList<PublishedCorrection>(
                [.. rows.Select(r => new PublishedCorrection(SqliteDates.FromText(r.At), r.Text, r.ArticleSlug, r.ArticleTitle, (int)r.Revision))],
                page, pageSize, total);
        }, cancellationToken);

    // SQLite hands back long integers and text dates.
    private sealed class CorrectionRow
    {
        public string At { get; init; } = "";
        public string Text { get; init; } = "";
        public string ArticleSlug { get; init; } = "";
        public string ArticleTitle { get; init; } = "";
        public long Revision { get; init; }
    }
}
