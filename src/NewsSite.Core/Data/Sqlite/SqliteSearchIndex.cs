using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Stored;
using NewsSite.Core.Markdown;
using NewsSite.Core.Search;
using static NewsSite.Core.Data.Sqlite.SqliteVisibility;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// Full-text search with FTS5 (table article_search, migrations 0004 and 0012): one row per article with
/// rowid = articles.id, holding the terms of <see cref="GermanSearchAnalyzer"/>, written with the article in its unit
/// of work. The row carries no visibility; every search joins articles and applies <see cref="SqliteVisibility.VisibleSql"/>.
/// </summary>
public sealed partial class SqliteSearchIndex(SqliteDatabase database) : ISearchIndex
{
    /// <summary>
    /// A page of the published articles containing every word of <paramref name="readerText"/> (as a prefix, case and
    /// accents ignored), best match first: a word in the title counts 10 times, in the tags 5, in the summary 3, in
    /// the body once (bm25); equal scores go to the newer article. When more than <see cref="SearchResults.RankedHitLimit"/>
    /// articles match, only the newest that many are ranked and can be paged through. Text without any word finds
    /// nothing and runs no query. See <see cref="SearchQuery"/> for how the reader's text becomes the query.
    /// </summary>
    public Task<SearchResults> SearchAsync(
        string readerText, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        SearchAsync(readerText, page, pageSize, now, SearchResults.RankedHitLimit, cancellationToken);

    /// <param name="rankedHitLimit">Lowered by tests, so that a few hundred articles exceed it.</param>
    internal async Task<SearchResults> SearchAsync(
        string readerText, int page, int pageSize, DateTimeOffset now, int rankedHitLimit, CancellationToken cancellationToken)
    {
        var query = SearchQuery.Parse(readerText);
        if (query.IsEmpty)
        {
            return SearchResults.None(page, pageSize);
        }

        // One statement, so that the FTS5 work is done once: a query for a prefix without a prefix index ("allem"*)
        // merges the doclists of all its words every time a cursor opens.
        //
        // newest: the visible hits in rowid order from the newest, at most one beyond the bound (which tells that there
        // are more); FTS5 walks its doclists backwards and stops there, so no more than that many hits are scored
        // however many contain the words. Each hit's bm25 is computed here, in the same cursor, since bm25 needs the MATCH context. Its weights
        // follow the column order of article_search (title, summary, body, tags); lower is better. A page past the
        // bound needs no score at all, and without a call bm25 does not read the words' document counts either.
        //
        // page: the ids of the shown page, ranked within the bound (equal scores: newer first).
        //
        // The outer query reads the original summary and body of the page's rows only (the index holds terms, which
        // no reader should see); ToHit cuts the excerpt from them in C#.
        //
        // found LEFT JOIN hit: the count comes back even for a page past the end, as one row without a hit.
        var rows = await database.RunAsync(async connection => (await connection.QueryAsync<SearchHitRow>(
            $"""
            WITH newest AS MATERIALIZED (
                SELECT s.rowid AS id, a.published_at,
                       CASE WHEN @Offset < @RankedHitLimit THEN bm25(article_search, 10.0, 3.0, 1.0, 5.0) END AS score
                FROM article_search s
                JOIN articles a INDEXED BY ix_articles_search_visible ON a.id = s.rowid
                WHERE article_search MATCH @Match AND {VisibleSql}
                ORDER BY s.rowid DESC
                LIMIT @RankedHitLimit + 1
            ),
            page AS MATERIALIZED (
                SELECT id, score, published_at
                FROM (SELECT id, score, published_at FROM newest ORDER BY id DESC LIMIT @RankedHitLimit)
                ORDER BY score, published_at DESC, id DESC
                LIMIT @Limit OFFSET @Offset
            )
            SELECT found.Found, hit.Slug, hit.Title, hit.AuthorName, hit.AuthorSlug, hit.PublishedAt,
                   hit.Summary, hit.BodyHtml, hit.LeadPicture, hit.CoAuthorsJson
            FROM (SELECT count(*) AS Found FROM newest) AS found
            LEFT JOIN (
                SELECT p.id, p.score, a.slug AS Slug, a.title AS Title, au.display_name AS AuthorName,
                       au.slug AS AuthorSlug, a.published_at AS PublishedAt, a.summary AS Summary, a.body_html AS BodyHtml,
                       a.lead_picture AS LeadPicture, {SqliteCoAuthors.Column("a")} AS CoAuthorsJson
                FROM page p
                JOIN articles a ON a.id = p.id
                JOIN authors au ON au.id = a.author_id
            ) AS hit
            ORDER BY hit.score, hit.PublishedAt DESC, hit.id DESC;
            """,
            new
            {
                Match = query.ToMatchExpression(),
                Now = SqliteDates.ToText(now),
                RankedHitLimit = rankedHitLimit,
                Limit = pageSize,
                Offset = Offset(page, pageSize),
            })).ToList(), cancellationToken);

        var found = rows[0].Found;
        var terms = query.SearchTerms;
        var hits = rows.Where(r => r.Slug is not null).Select(r => r.ToHit(terms)).ToList();
        return new SearchResults(
            new PagedList<SearchHit>(hits, page, pageSize, Math.Min(found, rankedHitLimit)), MoreThanTotal: found > rankedHitLimit);
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
        var title = GermanSearchAnalyzer.Words(article.Title);
        var summary = GermanSearchAnalyzer.Words(article.Summary);
        var body = GermanSearchAnalyzer.Words(HtmlPlainText.FromHtml(article.BodyHtml));
        var tags = GermanSearchAnalyzer.Words(article.Tags ?? "");

        // The vocabulary for "Meinten Sie …?" gets the article's terms in one statement (json_each), not one per term:
        // at a rebuild of 100,000 articles that is 100,000 statements instead of some 20 million.
        await unit.Connection.ExecuteAsync(
            """
            DELETE FROM article_search WHERE rowid = @Id;
            INSERT INTO article_search (rowid, title, summary, body, tags) VALUES (@Id, @Title, @Summary, @Body, @Tags);
            INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(@Terms);
            """,
            new
            {
                article.Id,
                Title = TermsOf(title),
                Summary = TermsOf(summary),
                Body = TermsOf(body),
                Tags = TermsOf(tags),
                Terms = System.Text.Json.JsonSerializer.Serialize(
                    title.Concat(summary).Concat(body).Concat(tags).Select(w => w.Term).Distinct(StringComparer.Ordinal)),
            },
            unit.Transaction);
    }

    private static string TermsOf(IReadOnlyList<SearchWord> words) => string.Join(' ', words.Select(w => w.Term));

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
        public int Found { get; init; }
        public string? Slug { get; init; }
        public string Title { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string AuthorSlug { get; init; } = "";
        public string PublishedAt { get; init; } = "";
        public string Summary { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string? LeadPicture { get; init; }
        public string? CoAuthorsJson { get; init; }

        /// <summary>
        /// The excerpt comes from the body where a word matched there, else from the summary, which shows its
        /// beginning when only title or tags matched.
        /// </summary>
        public SearchHit ToHit(IReadOnlyList<SearchTerm> terms)
        {
            var excerpt = SearchExcerpt.AroundMatch(HtmlPlainText.FromHtmlKeepingBlocks(BodyHtml), terms)
                ?? SearchExcerpt.AroundMatch(Summary, terms)
                ?? SearchExcerpt.Beginning(Summary);
            return new SearchHit(Slug!, Title, AuthorName, AuthorSlug, SqliteDates.FromText(PublishedAt), SearchSnippet.ToHtml(excerpt),
                LeadPictureJson.Read(LeadPicture)) { CoAuthors = CoAuthorJson.Read(CoAuthorsJson) };
        }
    }
}
