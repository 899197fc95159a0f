using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Markdown;
using static NewsSite.Core.Data.Sqlite.SqliteVisibility;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// Full-text search with FTS5 (table article_search, migration 0004): one row per article with rowid = articles.id,
/// written with the article in its unit of work. The row carries no visibility; every search joins articles and
/// applies <see cref="SqliteVisibility.VisibleSql"/>.
/// </summary>
public sealed class SqliteSearchIndex(SqliteDatabase database) : ISearchIndex
{
    // Words of context around the first match in a hit's excerpt (FTS5 allows up to 64).
    private const int SnippetTokens = 24;

    public async Task<PagedList<SearchHit>> SearchAsync(
        string readerText, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(readerText);
        if (query.IsEmpty)
        {
            return new PagedList<SearchHit>([], page, pageSize, 0);
        }

        // bm25 weights follow the column order of article_search: title, summary, body, tags. bm25 is lower for
        // better matches. The excerpt comes from the body where a word matched there, else from the summary (which
        // then shows its beginning when only title or tags matched); both are read and the choice is made below.
        return await database.RunAsync(async connection =>
        {
            await using var results = await connection.QueryMultipleAsync(
                $"""
                SELECT count(*)
                FROM article_search
                JOIN articles a ON a.id = article_search.rowid
                WHERE article_search MATCH @Match AND {VisibleSql};

                SELECT a.slug AS Slug, a.title AS Title, au.display_name AS AuthorName, au.slug AS AuthorSlug,
                       a.published_at AS PublishedAt,
                       snippet(article_search, 2, @MatchStart, @MatchEnd, '…', {SnippetTokens}) AS BodySnippet,
                       snippet(article_search, 1, @MatchStart, @MatchEnd, '…', {SnippetTokens}) AS SummarySnippet
                FROM article_search
                JOIN articles a ON a.id = article_search.rowid
                JOIN authors au ON au.id = a.author_id
                WHERE article_search MATCH @Match AND {VisibleSql}
                ORDER BY bm25(article_search, 10.0, 3.0, 1.0, 5.0), a.published_at DESC, a.id DESC
                LIMIT @Limit OFFSET @Offset;
                """,
                new
                {
                    Match = query.ToMatchExpression(),
                    Now = SqliteDates.ToText(now),
                    MatchStart = SearchSnippet.MatchStart.ToString(),
                    MatchEnd = SearchSnippet.MatchEnd.ToString(),
                    Limit = pageSize,
                    Offset = Offset(page, pageSize),
                });

            var total = await results.ReadSingleAsync<int>();
            var hits = (await results.ReadAsync<SearchHitRow>()).Select(r => r.ToHit()).ToList();
            return new PagedList<SearchHit>(hits, page, pageSize, total);
        }, cancellationToken);
    }

    public Task<int> IndexUnindexedArticlesAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var unindexed = (await unit.Connection.QueryAsync<SearchSource>(
                SearchSource.Select + " WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.rowid = a.id);",
                transaction: unit.Transaction)).ToList();

            foreach (var article in unindexed)
            {
                await WriteRowAsync(unit, article);
            }

            return unindexed.Count;
        }, cancellationToken);

    /// <summary>Part of every article write: the search row is rebuilt from what was just stored, in the same unit.</summary>
    internal static async Task ReplaceRowAsync(SqliteUnitOfWork unit, long articleId)
    {
        var article = await unit.Connection.QuerySingleAsync<SearchSource>(
            SearchSource.Select + " WHERE a.id = @Id;", new { Id = articleId }, unit.Transaction);
        await WriteRowAsync(unit, article);
    }

    private static async Task WriteRowAsync(SqliteUnitOfWork unit, SearchSource article)
    {
        // The snippet markers are removed from everything indexed, so that in an excerpt they can only be FTS5's own.
        await unit.Connection.ExecuteAsync(
            """
            DELETE FROM article_search WHERE rowid = @Id;
            INSERT INTO article_search (rowid, title, summary, body, tags) VALUES (@Id, @Title, @Summary, @Body, @Tags);
            """,
            new
            {
                article.Id,
                Title = SearchSnippet.WithoutMarkers(article.Title),
                Summary = SearchSnippet.WithoutMarkers(article.Summary),
                Body = SearchSnippet.WithoutMarkers(HtmlPlainText.FromHtml(article.BodyHtml)),
                Tags = SearchSnippet.WithoutMarkers(article.Tags ?? ""),
            },
            unit.Transaction);
    }

    /// <summary>What an article's search row is made of, read back from the stored article: the tags by display name.</summary>
    private sealed class SearchSource
    {
        public const string Select =
            """
            SELECT a.id AS Id, a.title AS Title, a.summary AS Summary, a.body_html AS BodyHtml,
                   (SELECT group_concat(t.display_name, ' ')
                    FROM article_tags at JOIN tags t ON t.id = at.tag_id
                    WHERE at.article_id = a.id) AS Tags
            FROM articles a
            """;

        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string? Tags { get; init; }
    }

    private sealed class SearchHitRow
    {
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string AuthorSlug { get; init; } = "";
        public string PublishedAt { get; init; } = "";
        public string BodySnippet { get; init; } = "";
        public string SummarySnippet { get; init; } = "";

        public SearchHit ToHit()
        {
            var excerpt = BodySnippet.Contains(SearchSnippet.MatchStart, StringComparison.Ordinal) ? BodySnippet : SummarySnippet;
            return new SearchHit(Slug, Title, AuthorName, AuthorSlug, SqliteDates.FromText(PublishedAt), SearchSnippet.ToHtml(excerpt));
        }
    }
}
