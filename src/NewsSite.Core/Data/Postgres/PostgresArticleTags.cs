using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Data.Postgres;

/// <summary>An article's tags (tables tags, tag_aliases and article_tags), written within the article's unit of work.</summary>
internal static class PostgresArticleTags
{
    /// <summary>
    /// Replaces the article's tags by <paramref name="tags"/>, in the author's order; the article row is written first.
    /// A name that is an alias ("Koeln") gets its tag ("Köln"), and two names of one tag count once, at the first place.
    /// </summary>
    public static async Task ReplaceAsync(PostgresUnitOfWork unit, long articleId, IReadOnlyList<TagName> tags)
    {
        var tagIds = new List<long>(tags.Count);
        foreach (var tag in tags)
        {
            tagIds.Add(await UpsertAsync(unit, tag));
        }

        await ReplaceIdsAsync(unit, articleId, tagIds);
    }

    /// <summary>Replaces the article's tag links by these tags, in this order, each once.</summary>
    public static Task ReplaceIdsAsync(PostgresUnitOfWork unit, long articleId, IEnumerable<long> tagIds) =>
        // One round trip for all the links, the tags as an array in their order. The article's date and liveness go
        // along, for the tag index (ix_article_tags_tag, 0001_schema.sql).
        unit.Connection.ExecuteAsync(
            """
            DELETE FROM article_tags WHERE article_id = @ArticleId;
            INSERT INTO article_tags (article_id, tag_id, position, published_at, is_live)
            SELECT a.id, t.tag_id, (t.ordinal - 1)::integer, a.published_at, NOT a.is_draft AND a.trashed_at IS NULL
            FROM articles a CROSS JOIN unnest(@TagIds) WITH ORDINALITY AS t (tag_id, ordinal)
            WHERE a.id = @ArticleId;
            """,
            new { ArticleId = articleId, TagIds = tagIds.Distinct().ToArray() }, unit.Transaction);

    /// <summary>
    /// The id of the tag a name's key (parameter <c>@TagKey</c>) stands for, by its own name or as an alias: the one
    /// rule every lookup by name follows (writes, the tag admin, the article list's filter).
    /// </summary>
    public const string TagIdOfKeySql =
        "SELECT id FROM tags WHERE name_key = @TagKey UNION ALL SELECT tag_id FROM tag_aliases WHERE variant_key = @TagKey LIMIT 1";

    /// <summary>The tag a name stands for, by its own name or as an alias; null when there is none yet.</summary>
    public static Task<long?> ResolveAsync(PostgresUnitOfWork unit, string key) =>
        unit.Connection.ExecuteScalarAsync<long?>(TagIdOfKeySql, new { TagKey = key }, unit.Transaction);

    /// <summary>The tag for the name, made when there is none (and no alias says which).</summary>
    public static async Task<long> UpsertAsync(PostgresUnitOfWork unit, TagName tag)
    {
        if (await ResolveAsync(unit, tag.Key) is { } existing)
        {
            return existing;
        }

        // Different names can share a slug ("C#" and "C"); the later one gets a suffix.
        var slug = await Slug.MakeUniqueAsync(tag.Slug, async candidate => await unit.Connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM tags WHERE slug = @Slug);", new { Slug = candidate }, unit.Transaction));

        // A live tag wins over a former slug of another one: the address is this tag's from now on.
        return await unit.Connection.ExecuteScalarAsync<long>(
            """
            DELETE FROM tag_redirects WHERE slug = @Slug;
            INSERT INTO tags (name_key, display_name, slug) VALUES (@Key, @Display, @Slug) RETURNING id;
            """,
            new { tag.Key, tag.Display, Slug = slug }, unit.Transaction);
    }
}
