using System.Globalization;
using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;
using NewsSite.Core.Previews;
using static NewsSite.Core.Data.Postgres.PostgresVisibility;

namespace NewsSite.Core.Data.Postgres;

/// <summary>Preview links in table preview_links (0001_schema.sql); see <see cref="IPreviewLinkStore"/>.</summary>
public sealed class PostgresPreviewLinkStore(PostgresDatabase database, TimeProvider clock) : IPreviewLinkStore
{
    private const string LinkColumns =
        """
        l.id AS LinkId, l.article_id AS LinkArticleId, l.created_at AS CreatedAt, l.created_by AS CreatedBy,
        l.expires_at AS ExpiresAt, l.revoked_at AS RevokedAt, l.revoked_by AS RevokedBy
        """;

    // The article page's own columns, so that the preview reads what readers would; a draft without a date shows the
    // moment of asking, as the editor's preview does.
    private static readonly string FindSql =
        $"""
        SELECT {LinkColumns},
               a.trashed_at IS NOT NULL AS Trashed, coalesce({VisibleSql}, false) AS Visible,
               {WithDateOfNow(PostgresPublishedArticles.ArticleColumns)}, a.outline AS Outline
        FROM preview_links l
        JOIN articles a ON a.id = l.article_id
        JOIN authors au ON au.id = a.author_id
        {PostgresPublishedArticles.RessortJoin}
        WHERE l.token_hash = @TokenHash;
        """;

    private static string WithDateOfNow(string columns)
    {
        const string Stored = "a.published_at AS PublishedAt";
        return columns.Contains(Stored, StringComparison.Ordinal)
            ? columns.Replace(Stored, "coalesce(a.published_at, @Now) AS PublishedAt", StringComparison.Ordinal)
            : throw new InvalidOperationException("The article columns no longer name " + Stored);
    }

    public Task<PreviewLink?> CreateAsync(
        long articleId, string tokenHash, DateTimeOffset expiresAt, string account, string? address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        ArgumentException.ThrowIfNullOrEmpty(account);
        return database.WriteAsync(async unit =>
        {
            var now = clock.GetUtcNow();
            var title = await unit.Connection.QuerySingleOrDefaultAsync<string>(
                $"SELECT a.title FROM articles a WHERE a.id = @Id AND a.trashed_at IS NULL AND NOT coalesce({VisibleSql}, false);",
                new { Id = articleId, Now = now }, unit.Transaction);
            if (title is null)
            {
                return null;
            }

            var id = await unit.Connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO preview_links (token_hash, article_id, created_at, created_by, expires_at)
                VALUES (@TokenHash, @ArticleId, @CreatedAt, @CreatedBy, @ExpiresAt)
                RETURNING id;
                """,
                new
                {
                    TokenHash = tokenHash,
                    ArticleId = articleId,
                    CreatedAt = now,
                    CreatedBy = account,
                    ExpiresAt = expiresAt,
                },
                unit.Transaction);
            await PostgresAuditLog.RecordWithinAsync(
                unit, new AuditEvent(account, AuditAction.PreviewLinkCreated, articleId, title, $"Link {id}, gültig bis {German(expiresAt)}", address), now);
            return new PreviewLink(id, articleId, now, account, expiresAt);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PreviewLink>> ListAsync(long articleId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<PreviewLink>>(async connection =>
            (await connection.QueryAsync<LinkRow>(
                $"SELECT {LinkColumns} FROM preview_links l WHERE l.article_id = @ArticleId ORDER BY l.created_at DESC, l.id DESC;",
                new { ArticleId = articleId }))
            .Select(r => r.ToLink()).ToList(), cancellationToken);

    public Task<bool> RevokeAsync(long articleId, long linkId, string account, string? address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        return database.WriteAsync(async unit =>
        {
            var now = clock.GetUtcNow();
            var revoked = await unit.Connection.ExecuteAsync(
                """
                UPDATE preview_links SET revoked_at = @Now, revoked_by = @Account
                WHERE id = @Id AND article_id = @ArticleId AND revoked_at IS NULL;
                """,
                new { Id = linkId, ArticleId = articleId, Now = now, Account = account }, unit.Transaction);
            if (revoked == 0)
            {
                return false;
            }

            var title = await unit.Connection.QuerySingleAsync<string>(
                "SELECT title FROM articles WHERE id = @Id;", new { Id = articleId }, unit.Transaction);
            await PostgresAuditLog.RecordWithinAsync(
                unit, new AuditEvent(account, AuditAction.PreviewLinkRevoked, articleId, title, $"Link {linkId}", address), now);
            return true;
        }, cancellationToken);
    }

    public Task<PreviewTarget?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return database.RunAsync(async connection =>
        {
            var rows = await connection.QueryAsync<FoundRow, PostgresPublishedArticles.ArticleRow, PreviewTarget>(
                FindSql,
                (link, article) => new PreviewTarget(
                    link.ToLink(),
                    link.Trashed ? PreviewArticleState.Trashed : link.Visible ? PreviewArticleState.Published : PreviewArticleState.Unpublished,
                    article.ToArticle()),
                new { TokenHash = tokenHash, Now = now },
                splitOn: "Id");
            return rows.SingleOrDefault();
        }, cancellationToken);
    }

    private static string German(DateTimeOffset instant) =>
        NewsroomTime.ToLocal(instant).ToString("d. MMMM yyyy, HH:mm 'Uhr'", CultureInfo.GetCultureInfo("de-DE"));

    private class LinkRow
    {
        public long LinkId { get; init; }
        public long LinkArticleId { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public string? RevokedBy { get; init; }

        public PreviewLink ToLink() => new(LinkId, LinkArticleId, CreatedAt, CreatedBy, ExpiresAt, RevokedAt, RevokedBy);
    }

    private sealed class FoundRow : LinkRow
    {
        public bool Trashed { get; init; }
        public bool Visible { get; init; }
    }
}
