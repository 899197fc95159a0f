using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The audit log over the audit_log table (0001_schema.sql).</summary>
public sealed partial class PostgresAuditLog(PostgresDatabase database, TimeProvider clock) : IAuditLog
{
    private const string Columns =
        "id AS Id, at AS At, account AS Account, action AS Action, article_id AS ArticleId, subject AS Subject, detail AS Detail, address AS Address";

    public Task RecordAsync(AuditEvent entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return database.WriteAsync(async unit =>
        {
            await RecordWithinAsync(unit, entry, clock.GetUtcNow());
            return true;
        }, cancellationToken);
    }

    public Task<PagedList<AuditEntry>> ListAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 500);
        var parameters = new
        {
            Action = filter.Action is { } action ? AuditActions.Text(action) : null,
            Account = string.IsNullOrWhiteSpace(filter.Account) ? null : filter.Account.Trim().ToLowerInvariant(),
            filter.ArticleId,
            filter.From,
            filter.To,
            Limit = pageSize,
            Offset = PostgresVisibility.Offset(page, pageSize),
        };

        // The casts give each parameter its type where it may be null, which PostgreSQL cannot infer from IS NULL.
        const string Matching =
            """
            FROM audit_log
            WHERE (@Action::text IS NULL OR action = @Action)
              AND (@Account::text IS NULL OR lower(account) = @Account)
              AND (@ArticleId::bigint IS NULL OR article_id = @ArticleId)
              AND (@From::timestamptz IS NULL OR at >= @From)
              AND (@To::timestamptz IS NULL OR at < @To)
            """;
        return database.RunAsync(async connection =>
        {
            await using var results = await connection.QueryMultipleAsync(
                $"SELECT count(*) {Matching}; SELECT {Columns} {Matching} ORDER BY at DESC, id DESC LIMIT @Limit OFFSET @Offset;",
                parameters);
            var total = await results.ReadSingleAsync<int>();
            var items = (await results.ReadAsync<Row>()).Select(r => r.ToEntry()).ToList();
            return new PagedList<AuditEntry>(items, page, pageSize, total);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> ListForArticleAsync(long articleId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<AuditEntry>>(async connection =>
            (await connection.QueryAsync<Row>(
                $"SELECT {Columns} FROM audit_log WHERE article_id = @ArticleId ORDER BY at, id;", new { ArticleId = articleId }))
            .Select(r => r.ToEntry()).ToList(),
            cancellationToken);

    public Task<AuditEntry?> FindLatestAsync(long articleId, AuditAction action, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<Row>(
                $"SELECT {Columns} FROM audit_log WHERE article_id = @ArticleId AND action = @Action ORDER BY at DESC, id DESC LIMIT 1;",
                new { ArticleId = articleId, Action = AuditActions.Text(action) }))?.ToEntry(),
            cancellationToken);

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public string Account { get; init; } = "";
        public string Action { get; init; } = "";
        public long? ArticleId { get; init; }
        public string? Subject { get; init; }
        public string? Detail { get; init; }
        public string? Address { get; init; }

        public AuditEntry ToEntry() => new(
            Id, At, Account,
            AuditActions.Parse(Action) ?? throw new InvalidOperationException($"Unbekannte Aktion „{Action}“ im Protokoll."),
            ArticleId, Subject, Detail, Address);
    }
}
