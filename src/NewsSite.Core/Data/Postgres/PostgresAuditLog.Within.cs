using Dapper;
using NewsSite.Core.Audit;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The part of the audit log that other stores' writes record through, in their own unit of work.</summary>
public sealed partial class PostgresAuditLog
{
    /// <summary>Records within another store's write, so that the act and its entry are one transaction.</summary>
    internal static Task RecordWithinAsync(PostgresUnitOfWork unit, AuditEvent entry, DateTimeOffset now) =>
        unit.Connection.ExecuteAsync(
            """
            INSERT INTO audit_log (at, account, action, article_id, subject, detail, address)
            VALUES (@At, @Account, @Action, @ArticleId, @Subject, @Detail, @Address);
            """,
            new
            {
                At = now,
                entry.Account,
                Action = AuditActions.Text(entry.Action),
                entry.ArticleId,
                entry.Subject,
                entry.Detail,
                entry.Address,
            },
            unit.Transaction);
}
