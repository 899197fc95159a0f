using Dapper;
using NewsSite.Core.Articles;
using static NewsSite.Core.Data.Postgres.PostgresVisibility;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The corrections page over table article_corrections: newest first along ix_article_corrections_newest, each checked
/// against the public rule through its article's row. Corrections are few (a newsroom's in a year are hundreds), so
/// the page is counted rather than kept in a counter.
/// </summary>
public sealed class PostgresCorrectionListings(PostgresDatabase database) : ICorrectionListings
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

    /// <summary>Count and page in one REPEATABLE READ transaction, so that both see the same corrections.</summary>
    public Task<PagedList<PublishedCorrection>> ListPublishedAsync(
        int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.ReadConsistentAsync(async (connection, transaction) =>
        {
            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                CountSql, new { Now = now }, transaction, cancellationToken: cancellationToken));
            var rows = await connection.QueryAsync<CorrectionRow>(new CommandDefinition(
                PageSql, new { Now = now, Limit = pageSize, Offset = Offset(page, pageSize) }, transaction,
                cancellationToken: cancellationToken));
            return new PagedList<PublishedCorrection>(
                [.. rows.Select(r => new PublishedCorrection(r.At, r.Text, r.ArticleSlug, r.ArticleTitle, r.Revision))],
                page, pageSize, total);
        }, cancellationToken);

    private sealed class CorrectionRow
    {
        public DateTimeOffset At { get; init; }
        public string Text { get; init; } = "";
        public string ArticleSlug { get; init; } = "";
        public string ArticleTitle { get; init; } = "";
        public int Revision { get; init; }
    }
}
