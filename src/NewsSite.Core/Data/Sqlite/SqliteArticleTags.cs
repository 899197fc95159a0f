using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>An article's tags (tables tags and article_tags), written within the article's unit of work.</summary>
internal static class SqliteArticleTags
{
    /// <summary>Replaces the article's tags by <paramref name="tags"/>, in the author's order; the article row is written first.</summary>
    public static async Task ReplaceAsync(SqliteUnitOfWork unit, long articleId, IReadOnlyList<TagName> tags)
    {
        await unit.Connection.ExecuteAsync(
            "DELETE FROM article_tags WHERE article_id = @ArticleId;", new { ArticleId = articleId }, unit.Transaction);

        for (var position = 0; position < tags.Count; position++)
        {
            var tagId = await UpsertAsync(unit, tags[position]);

            // The article's date and liveness go along, for the tag index (see 0006_scale.sql).
            await unit.Connection.ExecuteAsync(
                """
                INSERT INTO article_tags (article_id, tag_id, position, published_at, is_live)
                SELECT id, @TagId, @Position, published_at, is_draft = 0 AND trashed_at IS NULL
                FROM articles WHERE id = @ArticleId;
                """,
                new { ArticleId = articleId, TagId = tagId, Position = position }, unit.Transaction);
        }
    }

    private static async Task<long> UpsertAsync(SqliteUnitOfWork unit, TagName tag)
    {
        var id = await unit.Connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM tags WHERE name_key = @Key;", new { tag.Key }, unit.Transaction);
        if (id is { } existing)
        {
            return existing;
        }

        // Different names can share a slug ("C#" and "C"); the later one gets a suffix.
        var slug = await Slug.MakeUniqueAsync(tag.Slug, async candidate => await unit.Connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM tags WHERE slug = @Slug);", new { Slug = candidate }, unit.Transaction));

        return await unit.Connection.ExecuteScalarAsync<long>(
            "INSERT INTO tags (name_key, display_name, slug) VALUES (@Key, @Display, @Slug) RETURNING id;",
            new { tag.Key, tag.Display, Slug = slug }, unit.Transaction);
    }
}
