using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;

namespace NewsSite.Core.Data.Postgres;

/// <summary>Review steps, and the audit entries of what a write did to an article's visibility (decision 0017).</summary>
public sealed partial class PostgresArticleStore
{
    /// <summary>The account the audit log names for a write that came from an imported file.</summary>
    public const string ImportAccount = "import";

    public Task<ReviewChange> SubmitForReviewAsync(long articleId, string account, CancellationToken cancellationToken = default) =>
        ReviewStepAsync(
            articleId,
            "UPDATE articles SET review_state = 'pending' WHERE id = @Id AND is_draft AND trashed_at IS NULL;",
            new AuditEvent(account, AuditAction.Submitted, articleId),
            cancellationToken);

    public Task<ReviewChange> ReturnFromReviewAsync(long articleId, string account, string comment, CancellationToken cancellationToken = default) =>
        ReviewStepAsync(
            articleId,
            "UPDATE articles SET review_state = 'returned' WHERE id = @Id AND is_draft AND review_state = 'pending';",
            new AuditEvent(account, AuditAction.Returned, articleId, Detail: comment),
            cancellationToken);

    private Task<ReviewChange> ReviewStepAsync(long articleId, string update, AuditEvent entry, CancellationToken cancellationToken) =>
        database.WriteAsync(async unit =>
        {
            var now = clock.GetUtcNow();
            var state = await ReadStateAsync(unit, articleId, now);
            if (state is null)
            {
                return ReviewChange.NotFound;
            }

            // Review never changes what readers see: no journal entry, no eviction.
            if (await unit.Connection.ExecuteAsync(update, new { Id = articleId }, unit.Transaction) == 0)
            {
                return ReviewChange.WrongState;
            }

            await PostgresAuditLog.RecordWithinAsync(unit, entry with { Subject = state.Title }, now);
            return ReviewChange.Done;
        }, cancellationToken);

    /// <summary>Records publish, schedule and unpublish: what the write changed of the article's visibility.</summary>
    private static async Task AuditVisibilityAsync(
        PostgresUnitOfWork unit, long articleId, VisibilityState? before, ArticleOrigin origin, DateTimeOffset now)
    {
        var after = await ReadStateAsync(unit, articleId, now);
        var action = (before?.Status(), after!.Status()) switch
        {
            (var was, ArticleStatus.Published) when was != ArticleStatus.Published => AuditAction.Published,
            (var was, ArticleStatus.Scheduled) when was != ArticleStatus.Scheduled => AuditAction.Scheduled,
            (ArticleStatus.Published or ArticleStatus.Scheduled, ArticleStatus.Draft or ArticleStatus.InReview) => AuditAction.Unpublished,
            _ => (AuditAction?)null,
        };
        if (action is { } recorded)
        {
            var imported = origin.Kind == RevisionOrigin.Import;
            await PostgresAuditLog.RecordWithinAsync(unit, new AuditEvent(
                imported ? ImportAccount : origin.Detail, recorded, articleId, after.Title, imported ? origin.Detail : null), now);
        }
    }

    private static Task<VisibilityState?> ReadStateAsync(PostgresUnitOfWork unit, long articleId, DateTimeOffset now) =>
        unit.Connection.QuerySingleOrDefaultAsync<VisibilityState?>(
            """
            SELECT title AS Title, is_draft AS IsDraft, trashed_at IS NOT NULL AS Trashed, review_state = 'pending' AS Pending,
                   published_at > @Now AS Future
            FROM articles WHERE id = @Id;
            """,
            new { Id = articleId, Now = now }, unit.Transaction);

    private sealed class VisibilityState
    {
        public string Title { get; init; } = "";
        public bool IsDraft { get; init; }
        public bool Trashed { get; init; }
        public bool? Pending { get; init; }
        public bool? Future { get; init; }

        public ArticleStatus Status() =>
            Trashed ? ArticleStatus.Trashed
            : IsDraft ? (Pending == true ? ArticleStatus.InReview : ArticleStatus.Draft)
            : Future == true ? ArticleStatus.Scheduled
            : ArticleStatus.Published;
    }
}
