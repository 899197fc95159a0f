using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Markdown;
using NewsSite.Core.Search;
using static NewsSite.Core.Data.Sqlite.SqliteVisibility;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// "Meinten Sie …?" from the vocabulary (table search_terms, migration 0012). The vocabulary holds the terms of every
/// article, drafts included, so it only proposes candidates: each is counted in the published articles (article_search
/// joined to the public rule, as a search does), and the word shown is read from a published article that holds it.
/// </summary>
public sealed partial class SqliteSearchIndex
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
    // Measured at 100,000 articles with 100,000 terms of one first letter: ten such words took 1.1–2 s before the
    // bounds here (two shared first letters, this cap, VocabularyScanned).
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

        var nowText = SqliteDates.ToText(now);
        return await database.RunAsync(async connection =>
        {
            var corrected = false;
            var lookedUp = 0;
            var words = new List<string>();
            foreach (var word in query.Terms)
            {
                var term = GermanSearchAnalyzer.TermOf(word);
                string? replacement = null;
                if (lookedUp < MostCorrectedWords && await NeedsCorrectionAsync(connection, term, nowText) is { } own)
                {
                    lookedUp++;
                    replacement = await CorrectionAsync(connection, term, own, nowText);
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
    private static async Task<int?> NeedsCorrectionAsync(SqliteConnection connection, string term, string now)
    {
        if (term.Length < ShortestCorrectedTerm)
        {
            return null;
        }

        var own = await PublishedCountAsync(connection, new SearchTerm(term, IsPrefix: true), SearchSuggestion.FewHits, now);
        return own < SearchSuggestion.FewHits ? own : null;
    }

    /// <summary>The word to write instead of the one with <paramref name="term"/>, or null to keep it.</summary>
    private static async Task<string?> CorrectionAsync(SqliteConnection connection, string term, int own, string now)
    {
        // Neighbours share the first two letters (rarely the ones people get wrong) and are within the allowed slips;
        // the range scan on the primary key reads only the terms beginning with them, at most VocabularyScanned.
        var slips = term.Length <= LongestTermWithOneSlip ? 1 : 2;
        var start = char.IsHighSurrogate(term[1]) && term.Length > 2 ? term[..3] : term[..2];
        var vocabulary = await connection.QueryAsync<string>(
            """
            SELECT term FROM search_terms
            WHERE term >= @From AND term < @To AND length(term) BETWEEN @Shortest AND @Longest
            LIMIT @Scanned;
            """,
            new
            {
                From = start, To = start + "\U0010FFFF", Shortest = term.Length - slips, Longest = term.Length + slips,
                Scanned = VocabularyScanned,
            });
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

            var count = await PublishedCountAsync(connection, new SearchTerm(candidate.Term, IsPrefix: false), CountCap, now);
            if (count > own && count > (best?.Count ?? 0))
            {
                best = (candidate.Term, candidate.Distance, count);
            }
        }

        return best is null ? null : await WordFormAsync(connection, best.Value.Term, now);
    }

    /// <summary>In how many published articles <paramref name="term"/> stands, counted up to <paramref name="cap"/>.</summary>
    private static Task<int> PublishedCountAsync(SqliteConnection connection, SearchTerm term, int cap, string now) =>
        connection.ExecuteScalarAsync<int>(
            $"""
            SELECT count(*) FROM (
                SELECT 1 FROM article_search s
                JOIN articles a INDEXED BY ix_articles_search_visible ON a.id = s.rowid
                WHERE article_search MATCH @Match AND {VisibleSql}
                LIMIT @Cap);
            """,
            new { Match = SearchQuery.MatchExpressionOf([term]), Now = now, Cap = cap });

    /// <summary>
    /// How <paramref name="term"/> is written in the newest published article that holds it, its most frequent
    /// spelling there: the suggestion shows a word ("Ukraine"), never the stem, and only from published text.
    /// </summary>
    private static async Task<string?> WordFormAsync(SqliteConnection connection, string term, string now)
    {
        var article = await connection.QuerySingleOrDefaultAsync<(string Title, string Summary, string? Tags, string BodyHtml)>(
            $"""
            SELECT a.title, a.summary,
                   (SELECT group_concat(t.display_name, ' ') FROM article_tags at JOIN tags t ON t.id = at.tag_id
                    WHERE at.article_id = a.id),
                   a.body_html
            FROM article_search s
            JOIN articles a ON a.id = s.rowid
            WHERE article_search MATCH @Match AND {VisibleSql}
            ORDER BY s.rowid DESC
            LIMIT 1;
            """,
            new { Match = SearchQuery.MatchExpressionOf([new SearchTerm(term, IsPrefix: false)]), Now = now });
        if (article == default)
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
}
