using NewsSite.Core.Articles;

namespace NewsSite.Core.Audit;

/// <summary>
/// Who did what, when. Article acts that are database writes (publish, unpublish, trash, restore, submit, return) are
/// recorded by the article store in the same transaction as the act; the rest (logins, review approvals, account
/// changes) through <see cref="RecordAsync"/> right after the act.
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEvent entry, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<PagedList<AuditEntry>> ListAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Everything recorded about one article, oldest first (for its version list).</summary>
    Task<IReadOnlyList<AuditEntry>> ListForArticleAsync(long articleId, CancellationToken cancellationToken = default);

    /// <summary>The newest entry of one kind about an article (the comment of the last return), if any.</summary>
    Task<AuditEntry?> FindLatestAsync(long articleId, AuditAction action, CancellationToken cancellationToken = default);
}
