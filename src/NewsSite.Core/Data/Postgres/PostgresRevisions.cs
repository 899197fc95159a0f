using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Stored;

namespace NewsSite.Core.Data.Postgres;

/// <summary>How revisions and bio versions store their origin, a revision's row as Dapper reads it, and the rewrite of many sources.</summary>
internal static class PostgresRevisions
{
    /// <summary>
    /// Each article's current source through <paramref name="rewrite"/>, saved as a new revision by the editor when it
    /// changed (null: nothing to change): a tag rename or merge (decision 0018) or an author rename (decision 0021)
    /// keeps the sources saying what the pages show. In the caller's transaction, which also journals the change.
    /// </summary>
    /// <returns>How many sources were rewritten.</returns>
    public static async Task<int> RewriteSourcesAsync(
        PostgresUnitOfWork unit, IEnumerable<long> articleIds, Func<string, string?> rewrite, string editor, DateTimeOffset now)
    {
        var rewritten = 0;
        foreach (var id in articleIds)
        {
            var current = await unit.Connection.QuerySingleAsync<(int Revision, string Markdown)>(
                """
                SELECT a.revision, r.markdown FROM articles a
                JOIN revisions r ON r.article_id = a.id AND r.number = a.revision
                WHERE a.id = @Id;
                """,
                new { Id = id }, unit.Transaction);
            if (rewrite(current.Markdown) is not { } markdown)
            {
                continue;
            }

            await unit.Connection.ExecuteAsync(
                """
                UPDATE articles SET content_hash = @Hash, revision = @Number, modified_at = @Now WHERE id = @Id;
                INSERT INTO revisions (article_id, number, markdown, content_hash, origin, origin_detail, created_at)
                VALUES (@Id, @Number, @Markdown, @Hash, @Origin, @Editor, @Now);
                """,
                new
                {
                    Id = id,
                    Number = current.Revision + 1,
                    Markdown = markdown,
                    Hash = ArticleParser.ContentHash(markdown),
                    Origin = RevisionOrigins.OriginText(RevisionOrigin.Editor),
                    Editor = editor,
                    Now = now,
                },
                unit.Transaction);
            rewritten++;
        }

        return rewritten;
    }

    public static Revision ToRevision(RevisionRow r) => new(
        r.Number, r.Markdown, r.ContentHash, RevisionOrigins.ToOrigin(r.Origin), r.OriginDetail, r.CreatedAt);

    public const string SelectRevision =
        """
        SELECT number AS Number, markdown AS Markdown, content_hash AS ContentHash, origin AS Origin,
               origin_detail AS OriginDetail, created_at AS CreatedAt
        FROM revisions
        """;

    public sealed class RevisionRow
    {
        public int Number { get; init; }
        public string Markdown { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public string Origin { get; init; } = "";
        public string OriginDetail { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }
}
