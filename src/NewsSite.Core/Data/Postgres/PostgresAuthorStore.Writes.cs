using Dapper;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The article writes' part of the authors: a byline's author and an article's co-authors, within the article's unit.</summary>
public sealed partial class PostgresAuthorStore
{
    /// <summary>
    /// The byline's author within an article's write: found by slug, or by a former slug (a renamed author's old name
    /// in a file imported again), created with this spelling if new.
    /// </summary>
    internal static async Task<long> UpsertAsync(PostgresUnitOfWork unit, string displayName)
    {
        var slug = Slug.ForAuthor(displayName);
        var renamed = await unit.Connection.ExecuteScalarAsync<long?>(
            "SELECT author_id FROM author_redirects WHERE slug = @Slug;", new { Slug = slug }, unit.Transaction);

        // The no-op update makes RETURNING yield the existing row's id; the first spelling of the name stays.
        return renamed ?? await unit.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO authors (slug, display_name) VALUES (@Slug, @DisplayName)
            ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug
            RETURNING id;
            """,
            new { Slug = slug, DisplayName = displayName }, unit.Transaction);
    }

    /// <summary>
    /// Replaces the article's co-authors (article_authors) by these names after the first author, in the byline's order;
    /// a name that is the first author's or given twice counts once. The article row is written first.
    /// </summary>
    internal static async Task ReplaceCoAuthorsAsync(PostgresUnitOfWork unit, long articleId, long firstAuthorId, IReadOnlyList<string> coAuthors)
    {
        await unit.Connection.ExecuteAsync(
            "DELETE FROM article_authors WHERE article_id = @ArticleId;", new { ArticleId = articleId }, unit.Transaction);
        var seen = new HashSet<long> { firstAuthorId };
        var position = 1;
        foreach (var name in coAuthors)
        {
            var id = await UpsertAsync(unit, name);
            if (seen.Add(id))
            {
                await unit.Connection.ExecuteAsync(
                    // The article's date and liveness go along, for the author index (ix_article_authors_author).
                    """
                    INSERT INTO article_authors (article_id, position, author_id, published_at, is_live)
                    SELECT id, @Position, @AuthorId, published_at, NOT is_draft AND trashed_at IS NULL
                    FROM articles WHERE id = @ArticleId;
                    """,
                    new { ArticleId = articleId, Position = position++, AuthorId = id }, unit.Transaction);
            }
        }
    }
}
