using System.Text;
using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Stored;
using NewsSite.Core.Markdown;
using NewsSite.Core.Search;
using static NewsSite.Core.Data.Postgres.PostgresVisibility;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// Full-text search over table article_search: one tsvector per article holding the terms of
/// <see cref="GermanSearchAnalyzer"/> (PostgresSearchIndex.Rows.cs), written with the article in its unit of work, and
/// found through its GIN index. The row carries no visibility; every search joins articles and applies
/// <see cref="PostgresVisibility.VisibleSql"/>.
/// </summary>
public sealed partial class PostgresSearchIndex(PostgresDatabase database) : ISearchIndex
{
    /// <summary>
    /// ts_rank's weights in its order {D, C, B, A}: body 1, summary 3, tags 5, title 10, in the ratio of SQLite's bm25
    /// weights.
    /// </summary>
    private const string RankWeights = "'{0.1, 0.3, 0.5, 1.0}'";

    /// <summary>
    /// The public rule for one hit of <c>article_search s</c>, as a LATERAL subquery: one probe of the articles' primary
    /// key per hit (OFFSET 0 keeps PostgreSQL from turning it into a join). For a common word PostgreSQL then walks
    /// article_search backwards from the newest id and stops at the bound, as FTS5 does; for a rarer one it takes the
    /// ids from the GIN index. Joined instead, PostgreSQL misjudges how many articles a prefix matches and hashes all
    /// articles for a word in a thousand of them (35 ms instead of 7 at 100,000 articles on the test server).
    /// </summary>
    internal const string VisibleHitSql = $"SELECT a.published_at FROM articles a WHERE a.id = s.article_id AND {VisibleSql} OFFSET 0";

    /// <summary>
    /// A page of the published articles containing every word of <paramref name="readerText"/> (as a prefix, case and
    /// accents ignored), best match first: a word in the title counts 10 times, in the tags 5, in the summary 3, in
    /// the body once (ts_rank with these weights); equal scores go to the newer article. When more than
    /// <see cref="SearchResults.RankedHitLimit"/> articles match, only the newest that many are ranked and can be
    /// paged through. Text without any word finds nothing and runs no query. See <see cref="SearchQuery"/> for how the
    /// reader's text becomes the query.
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

        var terms = query.SearchTerms;

        // One statement, one round trip.
        //
        // newest: the visible hits from the newest id down, at most one beyond the bound (which tells that there are
        // more), of which only the newest that many are ranked. Each hit's ts_rank is computed here, from the document
        // already read; a page past the bound needs no score at all. See VisibleHitSql for how a hit is checked.
        //
        // page: the ids of the shown page, ranked within the bound (equal scores: newer first).
        //
        // The outer query reads the original summary and body of the page's rows only (the index holds terms, which
        // no reader should see); ToHit cuts the excerpt from them in C#.
        //
        // found LEFT JOIN hit: the count comes back even for a page past the end, as one row without a hit.
        // Planned for its values on every run (RunPlannedPerValueAsync): a common and a rare word want opposite plans.
        var rows = await database.RunPlannedPerValueAsync(async (connection, transaction) => (await connection.QueryAsync<SearchHitRow>(new CommandDefinition(
            $"""
            WITH newest AS MATERIALIZED (
                SELECT s.article_id AS id, a.published_at,
                       CASE WHEN @Offset < @RankedHitLimit THEN ts_rank({RankWeights}, s.document, @Query::tsquery) END AS score
                FROM article_search s
                JOIN LATERAL ({VisibleHitSql}) AS a ON true
                WHERE s.document @@ @Query::tsquery
                ORDER BY s.article_id DESC
                LIMIT @RankedHitLimit + 1
            ),
            page AS MATERIALIZED (
                SELECT id, score, published_at
                FROM (SELECT id, score, published_at FROM newest ORDER BY id DESC LIMIT @RankedHitLimit) AS bounded
                ORDER BY score DESC, published_at DESC, id DESC
                LIMIT @Limit OFFSET @Offset
            )
            SELECT found.Found, hit.Slug, hit.Title, hit.AuthorName, hit.AuthorSlug, hit.PublishedAt,
                   hit.Summary, hit.BodyHtml, hit.LeadPicture, hit.CoAuthorsJson
            FROM (SELECT count(*) AS Found FROM newest) AS found
            LEFT JOIN (
                SELECT p.id, p.score, a.slug AS Slug, a.title AS Title, au.display_name AS AuthorName,
                       au.slug AS AuthorSlug, a.published_at AS PublishedAt, a.summary AS Summary, a.body_html AS BodyHtml,
                       a.lead_picture AS LeadPicture, {PostgresCoAuthors.Column("a")} AS CoAuthorsJson
                FROM page p
                JOIN articles a ON a.id = p.id
                JOIN authors au ON au.id = a.author_id
            ) AS hit ON true
            ORDER BY hit.score DESC, hit.PublishedAt DESC, hit.id DESC;
            """,
            new
            {
                Query = QueryOf(terms),
                Now = now,
                RankedHitLimit = rankedHitLimit,
                Limit = pageSize,
                Offset = Offset(page, pageSize),
            },
            transaction,
            cancellationToken: cancellationToken))).ToList(), cancellationToken);

        var found = (int)rows[0].Found;
        var hits = rows.Where(r => r.Slug is not null).Select(r => r.ToHit(terms)).ToList();
        return new SearchResults(
            new PagedList<SearchHit>(hits, page, pageSize, Math.Min(found, rankedHitLimit)), MoreThanTotal: found > rankedHitLimit);
    }

    /// <summary>
    /// The tsquery for analysed terms as a literal, for <c>@Query::tsquery</c>: each term quoted as a lexeme, a prefix
    /// as <c>'term':*</c>, all of them required (<c>&amp;</c>). <c>Köln Stadtbahn</c> becomes
    /// <c>'koln':* &amp; 'stadtbahn':*</c>. Written in C# rather than by to_tsquery, whose parser would split and
    /// normalise the terms its own way; the literal's terms are exactly <see cref="SearchQuery.SearchTerms"/>.
    /// Empty for no terms.
    /// </summary>
    internal static string QueryOf(IEnumerable<SearchTerm> terms)
    {
        var text = new StringBuilder();
        foreach (var term in terms)
        {
            if (text.Length > 0)
            {
                text.Append(" & ");
            }

            AppendQuoted(text, term.Term);
            if (term.IsPrefix)
            {
                text.Append(":*");
            }
        }

        return text.ToString();
    }

    public Task<int> IndexUnindexedArticlesAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var unindexed = (await unit.Connection.QueryAsync<SearchSource>(
                SearchSource.Select + " WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.article_id = a.id);",
                transaction: unit.Transaction)).ToList();

            foreach (var article in unindexed)
            {
                await WriteRowAsync(unit, article);
            }

            return unindexed.Count;
        }, cancellationToken);

    private sealed class SearchHitRow
    {
        public long Found { get; init; }
        public string? Slug { get; init; }
        public string Title { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string AuthorSlug { get; init; } = "";
        public DateTimeOffset PublishedAt { get; init; }
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
            return new SearchHit(Slug!, Title, AuthorName, AuthorSlug, PublishedAt, SearchSnippet.ToHtml(excerpt),
                LeadPictureJson.Read(LeadPicture)) { CoAuthors = CoAuthorJson.Read(CoAuthorsJson) };
        }
    }
}
