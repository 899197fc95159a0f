using System.Text.Json;
using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Stored;
using static NewsSite.Core.Data.Sqlite.SqliteVisibility;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>One published article by its address or a former one, its related articles, a tag by its slug.</summary>
public sealed class SqlitePublishedArticles(SqliteDatabase database) : IPublishedArticles
{
    internal const string ArticleColumns =
        """
        a.id AS Id, a.slug AS Slug, a.title AS Title, a.summary AS Summary, a.body_html AS BodyHtml,
        au.display_name AS AuthorName, au.slug AS AuthorSlug,
        a.published_at AS PublishedAt, a.updated_at AS UpdatedAt, a.feed_key AS FeedKey, a.lead_picture AS LeadPicture,
        (SELECT json_group_array(json_array(t.display_name, t.slug) ORDER BY at.position)
         FROM article_tags at JOIN tags t ON t.id = at.tag_id
         WHERE at.article_id = a.id) AS TagsJson,
        (SELECT json_group_array(json_array(c.corrected_at, c.text) ORDER BY c.corrected_at DESC, c.id DESC)
         FROM article_corrections c
         WHERE c.article_id = a.id) AS CorrectionsJson,
        (SELECT json_group_array(json_array(co.display_name, co.slug) ORDER BY aa.position)
         FROM article_authors aa JOIN authors co ON co.id = aa.author_id
         WHERE aa.article_id = a.id) AS CoAuthorsJson,
        r.name AS RessortName, r.slug AS RessortSlug
        """;

    /// <summary>The join <see cref="ArticleColumns"/> reads the Ressort from; an article without one keeps its row.</summary>
    internal const string RessortJoin = "LEFT JOIN ressorts r ON r.id = a.ressort_id";

    // One prepared statement: the row, its author and its tags in the author's order.
    private const string FindPublishedSql =
        $"""
        SELECT {ArticleColumns}, a.outline AS Outline
        FROM articles a
        JOIN authors au ON au.id = a.author_id
        {RessortJoin}
        WHERE a.slug = @Slug AND {VisibleSql};
        """;

    public Task<PublishedArticle?> FindPublishedAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunOnSessionAsync(async session =>
        {
            var rows = await session.QueryPreparedAsync<ArticleRow>(
                FindPublishedSql, null, cancellationToken, ("@Slug", slug), ("@Now", SqliteDates.ToText(now)));
            return rows.Count == 0 ? null : rows[0].ToArticle();
        }, cancellationToken);

    public Task<string?> FindRedirectAsync(string oldSlug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.QuerySingleOrDefaultAsync<string>(
            $"""
            SELECT a.slug
            FROM slug_redirects r
            JOIN articles a ON a.id = r.article_id
            WHERE r.slug = @Slug AND {VisibleSql};
            """,
            new { Slug = oldSlug, Now = SqliteDates.ToText(now) }), cancellationToken);

    /// <summary>
    /// One statement over the tag index: each of the article's tags contributes its newest
    /// <see cref="RelatedArticles.CandidateBudget"/> / (number of tags) candidates, weighted by 1 / ln(1 + df) with df
    /// from tags.live_articles, kept on write.
    /// </summary>
    public Task<IReadOnlyList<RelatedArticle>> FindRelatedAsync(
        long articleId, DateTimeOffset now, int limit = 5, CancellationToken cancellationToken = default) =>
        database.RunOnSessionAsync<IReadOnlyList<RelatedArticle>>(async session =>
        {
            var rows = await session.QueryPreparedAsync<RelatedRow>(
                RelatedSql, null, cancellationToken,
                ("@ArticleId", articleId), ("@Now", SqliteDates.ToText(now)), ("@Limit", limit), ("@Budget", RelatedArticles.CandidateBudget));
            return rows.Select(r => new RelatedArticle(r.Slug, r.Title, SqliteDates.FromText(r.PublishedAt), r.Score)).ToList();
        }, cancellationToken);

    private const string RelatedSql =
        """
        WITH own_tags AS (
            SELECT at.tag_id,
                   1.0 / ln(1.0 + max(t.live_articles, 1)) AS weight,
                   -- The date of the tag's last candidate (its share of the budget), so that the join below
                   -- reads a bounded range of the index.
                   coalesce((SELECT c.published_at FROM article_tags c
                             WHERE c.tag_id = at.tag_id AND c.is_live = 1 AND c.published_at <= @Now
                             ORDER BY c.published_at DESC, c.article_id DESC
                             LIMIT 1 OFFSET max(1, @Budget / (SELECT count(*) FROM article_tags WHERE article_id = @ArticleId)) - 1),
                            '') AS oldest
            FROM article_tags at
            JOIN tags t ON t.id = at.tag_id
            WHERE at.article_id = @ArticleId
        ),
        scored AS (
            SELECT c.article_id AS id, c.published_at, sum(o.weight) AS score
            FROM own_tags o
            JOIN article_tags c
              ON c.tag_id = o.tag_id AND c.is_live = 1 AND c.published_at <= @Now AND c.published_at >= o.oldest
            WHERE c.article_id <> @ArticleId
            GROUP BY c.article_id
            -- Rounded to 9 decimals so that float noise from summing in another order never beats recency. As an
            -- integer: SQLite's round() prints each value to text and parses it back, a fifth of the query's time.
            ORDER BY CAST(score * 1e9 + 0.5 AS INTEGER) DESC, c.published_at DESC, c.article_id DESC
            LIMIT @Limit
        )
        SELECT a.slug AS Slug, a.title AS Title, a.published_at AS PublishedAt, s.score AS Score
        FROM scored s
        JOIN articles a ON a.id = s.id
        ORDER BY CAST(s.score * 1e9 + 0.5 AS INTEGER) DESC, s.published_at DESC, s.id DESC;
        """;

    public Task<TagLink?> FindTagAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunOnSessionAsync(async session =>
        {
            // The EXISTS is one probe of ix_article_tags_tag: the tag's first published entry, if any.
            var rows = await session.QueryPreparedAsync<TagLink>(
                """
                SELECT t.display_name AS Name, t.slug AS Slug FROM tags t
                WHERE t.slug = @Slug
                  AND EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = t.id AND at.is_live = 1 AND at.published_at <= @Now);
                """,
                null, cancellationToken, ("@Slug", slug), ("@Now", SqliteDates.ToText(now)));
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);

    // SQLite hands back long integers and text dates; the public records get proper types.
    internal sealed class ArticleRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string AuthorSlug { get; init; } = "";
        public string PublishedAt { get; init; } = "";
        public string? UpdatedAt { get; init; }
        public string FeedKey { get; init; } = "";
        public string? Outline { get; init; }
        public string? LeadPicture { get; init; }
        public string TagsJson { get; init; } = "[]";
        public string CorrectionsJson { get; init; } = "[]";
        public string CoAuthorsJson { get; init; } = "[]";
        public string? RessortName { get; init; }
        public string? RessortSlug { get; init; }

        public PublishedArticle ToArticle()
        {
            var article = new PublishedArticle(
                Id, Slug, Title, Summary, BodyHtml, AuthorName, AuthorSlug, SqliteDates.FromText(PublishedAt),
                SqliteDates.FromNullableText(UpdatedAt), FeedKey, ReadTags(TagsJson), LeadPictureJson.Read(LeadPicture))
            {
                Ressort = RessortName is null || RessortSlug is null ? null : new Ressorts.RessortLink(RessortName, RessortSlug),
                Corrections = ReadCorrections(CorrectionsJson),
                CoAuthors = CoAuthorJson.Read(CoAuthorsJson),
            };

            // Only the article page reads the stored outline (feeds need none). A row written before outlines were
            // stored (schema 8) gets its own at the next start; until then the article computes it when asked.
            return Outline is null ? article : article with { Outline = OutlineJson.Read(Outline) };
        }

        private static ArticleCorrection[] ReadCorrections(string json)
        {
            // Nearly every article has none: no JSON to parse.
            if (json == "[]")
            {
                return [];
            }

            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(pair => new ArticleCorrection(SqliteDates.FromText(pair[0].GetString()!), pair[1].GetString()!))];
        }

        private static TagLink[] ReadTags(string json)
        {
            using var document = JsonDocument.Parse(json);
            var tags = new TagLink[document.RootElement.GetArrayLength()];
            var i = 0;
            foreach (var pair in document.RootElement.EnumerateArray())
            {
                tags[i++] = new TagLink(pair[0].GetString()!, pair[1].GetString()!);
            }

            return tags;
        }
    }

    private sealed class RelatedRow
    {
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string PublishedAt { get; init; } = "";
        public double Score { get; init; }
    }
}
