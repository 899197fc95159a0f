using System.Globalization;
using System.Text.Json;
using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Stored;
using static NewsSite.Core.Data.Postgres.PostgresVisibility;

namespace NewsSite.Core.Data.Postgres;

/// <summary>One published article by its address or a former one, its related articles, a tag by its slug.</summary>
public sealed class PostgresPublishedArticles(PostgresDatabase database) : IPublishedArticles
{
    internal static readonly string ArticleColumns =
        $"""
        a.id AS Id, a.slug AS Slug, a.title AS Title, a.summary AS Summary, a.body_html AS BodyHtml,
        au.display_name AS AuthorName, au.slug AS AuthorSlug,
        a.published_at AS PublishedAt, a.updated_at AS UpdatedAt, a.feed_key AS FeedKey, a.lead_picture AS LeadPicture,
        (SELECT coalesce(json_agg(json_build_array(t.display_name, t.slug) ORDER BY at.position), '[]')::text
         FROM article_tags at JOIN tags t ON t.id = at.tag_id
         WHERE at.article_id = a.id) AS TagsJson,
        (SELECT coalesce(json_agg(json_build_array(c.corrected_at, c.text) ORDER BY c.corrected_at DESC, c.id DESC), '[]')::text
         FROM article_corrections c
         WHERE c.article_id = a.id) AS CorrectionsJson,
        {PostgresCoAuthors.Column("a")} AS CoAuthorsJson,
        r.name AS RessortName, r.slug AS RessortSlug
        """;

    /// <summary>The join <see cref="ArticleColumns"/> reads the Ressort from; an article without one keeps its row.</summary>
    internal const string RessortJoin = "LEFT JOIN ressorts r ON r.id = a.ressort_id";

    // One statement (prepared once per pooled connection by Npgsql): the row, its author and its tags in the author's order.
    private static readonly string FindPublishedSql =
        $"""
        SELECT {ArticleColumns}, a.outline AS Outline
        FROM articles a
        JOIN authors au ON au.id = a.author_id
        {RessortJoin}
        WHERE a.slug = @Slug AND {VisibleSql};
        """;

    public Task<PublishedArticle?> FindPublishedAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(
                FindPublishedSql, new { Slug = slug, Now = now }, cancellationToken: cancellationToken));
            return row?.ToArticle();
        }, cancellationToken);

    public Task<string?> FindRedirectAsync(string oldSlug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            $"""
            SELECT a.slug
            FROM slug_redirects r
            JOIN articles a ON a.id = r.article_id
            WHERE r.slug = @Slug AND {VisibleSql};
            """,
            new { Slug = oldSlug, Now = now }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>
    /// One statement over the tag index: each of the article's tags contributes its newest
    /// <see cref="RelatedArticles.CandidateBudget"/> / (number of tags) candidates, weighted by 1 / ln(1 + df) with df
    /// from tags.live_articles, kept on write.
    /// </summary>
    public Task<IReadOnlyList<RelatedArticle>> FindRelatedAsync(
        long articleId, DateTimeOffset now, int limit = 5, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<RelatedArticle>>(async connection =>
        {
            var rows = await connection.QueryAsync<RelatedRow>(new CommandDefinition(
                RelatedSql,
                new { ArticleId = articleId, Now = now, Limit = limit, Budget = RelatedArticles.CandidateBudget },
                cancellationToken: cancellationToken));
            return rows.Select(r => new RelatedArticle(r.Slug, r.Title, r.PublishedAt, r.Score)).ToList();
        }, cancellationToken);

    private const string RelatedSql =
        """
        WITH own_tags AS (
            SELECT at.tag_id,
                   1.0::float8 / ln(1.0::float8 + greatest(t.live_articles, 1)) AS weight,
                   -- The date of the tag's last candidate (its share of the budget), so that the join below
                   -- reads a bounded range of the index.
                   coalesce((SELECT c.published_at FROM article_tags c
                             WHERE c.tag_id = at.tag_id AND c.is_live AND c.published_at <= @Now
                             ORDER BY c.published_at DESC, c.article_id DESC
                             LIMIT 1 OFFSET greatest(1, @Budget / (SELECT count(*) FROM article_tags WHERE article_id = @ArticleId)) - 1),
                            '-infinity') AS oldest
            FROM article_tags at
            JOIN tags t ON t.id = at.tag_id
            WHERE at.article_id = @ArticleId
        ),
        scored AS (
            SELECT c.article_id AS id, c.published_at, sum(o.weight) AS score
            FROM own_tags o
            JOIN article_tags c
              ON c.tag_id = o.tag_id AND c.is_live AND c.published_at <= @Now AND c.published_at >= o.oldest
            WHERE c.article_id <> @ArticleId
            GROUP BY c.article_id, c.published_at
            -- Rounded to 9 decimals so that float noise from summing in another order never beats recency.
            ORDER BY round(sum(o.weight) * 1e9) DESC, c.published_at DESC, c.article_id DESC
            LIMIT @Limit
        )
        SELECT a.slug AS Slug, a.title AS Title, a.published_at AS PublishedAt, s.score AS Score
        FROM scored s
        JOIN articles a ON a.id = s.id
        ORDER BY round(s.score * 1e9) DESC, s.published_at DESC, s.id DESC;
        """;

    public Task<TagLink?> FindTagAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            // The EXISTS is one probe of ix_article_tags_tag: the tag's first published entry, if any.
            var row = await connection.QuerySingleOrDefaultAsync<TagRow>(new CommandDefinition(
                """
                SELECT t.display_name AS Name, t.slug AS Slug FROM tags t
                WHERE t.slug = @Slug
                  AND EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = t.id AND at.is_live AND at.published_at <= @Now);
                """,
                new { Slug = slug, Now = now }, cancellationToken: cancellationToken));
            return row is null ? null : new TagLink(row.Name, row.Slug);
        }, cancellationToken);

    // The JSON columns come back as text; the public records get proper types.
    internal sealed class ArticleRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string AuthorSlug { get; init; } = "";
        public DateTimeOffset PublishedAt { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
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
                Id, Slug, Title, Summary, BodyHtml, AuthorName, AuthorSlug, PublishedAt,
                UpdatedAt, FeedKey, ReadTags(TagsJson), LeadPictureJson.Read(LeadPicture))
            {
                Ressort = RessortName is null || RessortSlug is null ? null : new Ressorts.RessortLink(RessortName, RessortSlug),
                Corrections = ReadCorrections(CorrectionsJson),
                CoAuthors = CoAuthorJson.Read(CoAuthorsJson),
            };

            // Only the article page reads the stored outline (feeds need none). A row without one (written by a
            // version that stored none) computes it when asked.
            return Outline is null ? article : article with { Outline = OutlineJson.Read(Outline) };
        }

        private static ArticleCorrection[] ReadCorrections(string json)
        {
            // Nearly every article has none: no JSON to parse.
            if (json == "[]")
            {
                return [];
            }

            // json_build_array writes a timestamptz as ISO 8601 with the session's offset; the instant is what counts.
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(pair => new ArticleCorrection(
                DateTimeOffset.Parse(pair[0].GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
                pair[1].GetString()!))];
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
        public DateTimeOffset PublishedAt { get; init; }
        public double Score { get; init; }
    }

    private sealed class TagRow
    {
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
    }
}
