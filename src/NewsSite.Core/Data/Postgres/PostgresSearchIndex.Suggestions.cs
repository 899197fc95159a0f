using Dapper;
using Npgsql;
using NewsSite.Core.Articles;
using NewsSite.Core.Markdown;
using NewsSite.Core.Search;
using static NewsSite.Core.Data.Postgres.PostgresVisibility;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// "Meinten Sie …?" from the vocabulary (table search_terms). The vocabulary holds the terms of every article, drafts
/// included, so it only proposes candidates: each is counted in the published articles (article_search joined to the
/// public rule, as a search does), and the word shown is read from a published article that holds it. The neighbours
/// are found as on SQLite, by a range of the primary key (its terms in byte order, COLLATE "C") and
/// <see cref="SpellingDistance"/> in C#, so that both dialects propose the same words; no extension (fuzzystrmatch,
/// pg_trgm) is needed.
/// </summary>
public sealed partial class PostgresSearchIndex
{
    // A term this short has too many neighbours one slip away to guess which was meant ("bau" → "bad", "bus", "tau").
    private const int ShortestCorrectedTerm = 3;

    // Terms of up to this length are corrected by one slip only, longer ones by up to two.
    private const int LongestTermWithOneSlip = 4;

    // Of a term's neighbours, the closest this many are counted (one statement each, at most this many rows read).
    private const int CandidatesCounted = 8;

    // Counting stops here: a neighbour in 100 published articles is as good as one in 10,000.
    private const int CountCap = 100;

    // At most this many words of a query are looked up (the first that find too little); the others stay as typed.
    private const int MostCorrectedWords = 3;

    // At most this many terms of the vocabulary are compared with one word, however large it grows.
    private const int VocabularyScanned = 5000;

    public async Task<SearchSuggestion?> SuggestAsync(string readerText, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(readerText);
        if (query.IsEmpty)
        {
            return null;
        }

        // Planned for its values on every run (RunPlannedPerValueAsync): the counts are of rare words and typos, for
        // which a generic plan would test every article. Npgsql runs the commands below inside that transaction.
        return await database.RunPlannedPerValueAsync(async (connection, _) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(CountThroughTheIndexSql, cancellationToken: cancellationToken));
            var corrected = false;
            var lookedUp = 0;
            var words = new List<string>();
            foreach (var word in query.Terms)
            {
                var term = GermanSearchAnalyzer.TermOf(word);
                string? replacement = null;
                if (lookedUp < MostCorrectedWords && await NeedsCorrectionAsync(connection, term, now, cancellationToken) is { } own)
                {
                    lookedUp++;
                    replacement = await CorrectionAsync(connection, term, own, now, cancellationToken);
                }

                corrected |= replacement is not null;
                words.Add(replacement ?? word);
            }

            return corrected ? new SearchSuggestion(string.Join(' ', words)) : null;
        }, cancellationToken);
    }

    /// <summary>
    /// In how many published articles the word's <paramref name="term"/> stands as the search uses it (a prefix), or
    /// null when it is meant: too short to guess at, or in enough articles (the beginning of published words is no typo).
    /// </summary>
    private static async Task<int?> NeedsCorrectionAsync(NpgsqlConnection connection, string term, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (term.Length < ShortestCorrectedTerm)
        {
            return null;
        }

        var own = await PublishedCountAsync(connection, new SearchTerm(term, IsPrefix: true), SearchSuggestion.FewHits, now, cancellationToken);
        return own < SearchSuggestion.FewHits ? own : null;
    }

    /// <summary>The word to write instead of the one with <paramref name="term"/>, or null to keep it.</summary>
    private static async Task<string?> CorrectionAsync(
        NpgsqlConnection connection, string term, int own, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Neighbours share the first two letters (rarely the ones people get wrong) and are within the allowed slips;
        // the range scan on the primary key (COLLATE "C", so the range is one of bytes as on SQLite) reads only the
        // terms beginning with them, at most VocabularyScanned, in their order.
        var slips = term.Length <= LongestTermWithOneSlip ? 1 : 2;
        var start = char.IsHighSurrogate(term[1]) && term.Length > 2 ? term[..3] : term[..2];
        var vocabulary = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT term FROM search_terms
            WHERE term >= @From AND term < @To AND length(term) BETWEEN @Shortest AND @Longest
            ORDER BY term
            LIMIT @Scanned;
            """,
            new
            {
                From = start, To = start + "\U0010FFFF", Shortest = term.Length - slips, Longest = term.Length + slips,
                Scanned = VocabularyScanned,
            },
            cancellationToken: cancellationToken));
        var candidates = vocabulary
            .Where(candidate => candidate != term)
            .Select(candidate => (Term: candidate, Distance: SpellingDistance.Within(term, candidate, slips)))
            .Where(c => c.Distance <= slips)
            .OrderBy(c => c.Distance).ThenBy(c => Math.Abs(c.Term.Length - term.Length)).ThenBy(c => c.Term, StringComparer.Ordinal)
            .Take(CandidatesCounted)
            .ToList();

        // The closest win; of equally close ones the one in most published articles, which must beat the word itself.
        (string Term, int Distance, int Count)? best = null;
        foreach (var candidate in candidates)
        {
            if (best is not null && candidate.Distance > best.Value.Distance)
            {
                break;
            }

            var count = await PublishedCountAsync(connection, new SearchTerm(candidate.Term, IsPrefix: false), CountCap, now, cancellationToken);
            if (count > own && count > (best?.Count ?? 0))
            {
                best = (candidate.Term, candidate.Distance, count);
            }
        }

        if (best is null)
        {
            return null;
        }

        // The word form is read from the newest article that holds the winner, a common word as likely as not: from
        // the newest id down is then the plan, and the planner may choose it again.
        await connection.ExecuteAsync(new CommandDefinition(PlannerAsUsualSql, cancellationToken: cancellationToken));
        var form = await WordFormAsync(connection, best.Value.Term, now, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CountThroughTheIndexSql, cancellationToken: cancellationToken));
        return form;
    }

    /// <summary>
    /// For the counts below, only the GIN index: they are of typos and rare words, which the planner expects in some
    /// hundred articles, so with a LIMIT it reads article_search in any order, hoping to stop early, and for a word in
    /// no article tests all of them (900 ms at 100,000 articles against 12 through the index; docs/performance.md).
    /// Local to the suggestion's transaction (<see cref="PostgresDatabase.RunPlannedPerValueAsync{T}"/>).
    /// </summary>
    internal const string CountThroughTheIndexSql = "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off;";

    private const string PlannerAsUsualSql = "SET LOCAL enable_seqscan = on; SET LOCAL enable_indexscan = on;";

    /// <summary>In how many published articles <paramref name="term"/> stands, counted up to <paramref name="cap"/>.</summary>
    private static Task<int> PublishedCountAsync(
        NpgsqlConnection connection, SearchTerm term, int cap, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"""
            SELECT count(*) FROM (
                SELECT 1 FROM article_search s
                JOIN LATERAL ({VisibleHitSql}) AS a ON true
                WHERE s.document @@ @Query::tsquery
                LIMIT @Cap) AS capped;
            """,
            new { Query = QueryOf([term]), Now = now, Cap = cap },
            cancellationToken: cancellationToken));

    /// <summary>
    /// How <paramref name="term"/> is written in the newest published article that holds it, its most frequent
    /// spelling there: the suggestion shows a word ("Ukraine"), never the stem, and only from published text.
    /// </summary>
    private static async Task<string?> WordFormAsync(NpgsqlConnection connection, string term, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var article = await connection.QuerySingleOrDefaultAsync<WordSourceRow>(new CommandDefinition(
            $"""
            SELECT a.title AS Title, a.summary AS Summary,
                   (SELECT string_agg(t.display_name, ' ' ORDER BY at.position) FROM article_tags at JOIN tags t ON t.id = at.tag_id
                    WHERE at.article_id = a.id) AS Tags,
                   a.body_html AS BodyHtml
            FROM article_search s
            JOIN articles a ON a.id = s.article_id
            WHERE s.document @@ @Query::tsquery AND {VisibleSql}
            ORDER BY s.article_id DESC
            LIMIT 1;
            """,
            new { Query = QueryOf([new SearchTerm(term, IsPrefix: false)]), Now = now },
            cancellationToken: cancellationToken));
        if (article is null)
        {
            return null;
        }

        // Title, summary and tags first: the body is read only when the word is not in them.
        return MostFrequentForm(string.Join('\n', article.Title, article.Summary, article.Tags ?? ""), term)
            ?? MostFrequentForm(HtmlPlainText.FromHtml(article.BodyHtml), term);
    }

    private static string? MostFrequentForm(string text, string term) =>
        GermanSearchAnalyzer.Words(text)
            .Where(word => word.Term == term)
            .GroupBy(word => text[word.Start..word.End], StringComparer.Ordinal)
            .OrderByDescending(forms => forms.Count())
            .Select(forms => forms.Key)
            .FirstOrDefault();

    private sealed class WordSourceRow
    {
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string? Tags { get; init; }
        public string BodyHtml { get; init; } = "";
    }
}
