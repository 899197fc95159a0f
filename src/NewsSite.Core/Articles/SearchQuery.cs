using System.Globalization;
using System.Text;
using NewsSite.Core.Search;

namespace NewsSite.Core.Articles;

/// <summary>A word as the index holds it, and whether longer words beginning with it match too.</summary>
public sealed record SearchTerm(string Term, bool IsPrefix);

/// <summary>
/// What a reader typed into the search box, reduced to the words we search for. The reader's text never reaches
/// FTS5 as query syntax: we split it into terms ourselves (runs of letters and digits) and write each as a quoted
/// string, so "col:x", "NEAR(a b)", "a OR b", "-x" or an unbalanced quote are just words or nothing.
/// </summary>
/// <param name="Text">The trimmed input, cut to <see cref="MaxLength"/> characters: what was searched and is shown.</param>
/// <param name="WasShortened">The input was longer than <see cref="MaxLength"/> characters.</param>
/// <param name="Terms">At most <see cref="MaxTerms"/> distinct words of <paramref name="Text"/>, in their order.</param>
public sealed record SearchQuery(string Text, bool WasShortened, IReadOnlyList<string> Terms)
{
    public const int MaxLength = 200;

    // All terms must match (AND); beyond ten a query only gets slower without getting any more precise.
    public const int MaxTerms = 10;

    public static SearchQuery Empty { get; } = new("", false, []);

    // FTS5's operators in the capitals that make them operators. Quoted they would be harmless words, but a reader who
    // types "Köln OR Bonn" or "NEAR(" tries syntax we do not offer, and as prefix terms they would demand words
    // beginning with "or", "and", "not" ("Ort", "andere", "Notfall"). So they are left out; "Not" or "oder" stay words.
    private static readonly HashSet<string> OperatorWords = new(StringComparer.Ordinal) { "AND", "OR", "NOT", "NEAR" };

    /// <summary>True when there is no word to search for; such a query finds nothing and costs nothing.</summary>
    public bool IsEmpty => Terms.Count == 0;

    /// <summary>
    /// The <see cref="Terms"/> as the index holds them (<see cref="GermanSearchAnalyzer"/>: "Köln" and "koeln" are both
    /// "koln", "Gefangener" is "gefang"), without repeats, each a prefix unless it is a single letter or digit.
    /// Computed on each call (a record compares its fields, so no cache), which is ten words at most.
    /// </summary>
    public IReadOnlyList<SearchTerm> SearchTerms => Terms
        .Select(term => (Word: term, Term: GermanSearchAnalyzer.TermOf(term)))
        .Where(t => t.Term.Length > 0)
        .DistinctBy(t => t.Term)
        .Select(t => new SearchTerm(t.Term, IsPrefix: !IsSingleCharacter(t.Word) && !IsSingleCharacter(t.Term)))
        .ToList();

    public static SearchQuery Parse(string? readerText)
    {
        // Direction controls go first: echoed into the page title, where no <bdi> can contain them, an override
        // would turn the rest around (DirectionControls).
        var text = DirectionControls.Without(readerText ?? "").Trim();
        var wasShortened = text.Length > MaxLength;
        if (wasShortened)
        {
            // Never cut a surrogate pair in half: the rest would be no valid text to show or to put in a link.
            var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
            text = text[..cut].TrimEnd();
        }

        return new SearchQuery(text, wasShortened, SplitTerms(text));
    }

    /// <summary>
    /// The FTS5 query: each of the <see cref="SearchTerms"/> a quoted string with prefix matching, all of them required.
    /// <c>Köln Stadtbahn</c> becomes <c>"koln"* "stadtbahn"*</c>. A term of one letter or digit is a whole word
    /// (<c>E-Auto</c> becomes <c>"e" "auto"*</c>): as a prefix it would ask for every word beginning with that letter,
    /// which no reader means, and no prefix index covers one letter, so FTS5 merged the lists of thousands of words
    /// for it: "a e i s" took a second at 100,000 articles, ten such letters almost three.
    /// </summary>
    public string ToMatchExpression() => MatchExpressionOf(SearchTerms);

    /// <summary>The FTS5 query for analysed terms, each quoted (a <c>"</c> doubled), joined by spaces (AND).</summary>
    public static string MatchExpressionOf(IEnumerable<SearchTerm> terms) =>
        string.Join(' ', terms.Select(term =>
            "\"" + term.Term.Replace("\"", "\"\"", StringComparison.Ordinal) + (term.IsPrefix ? "\"*" : "\"")));

    // One letter or digit, with the combining marks that belong to it ("a\u0308" is "ä").
    private static bool IsSingleCharacter(string term) =>
        term.EnumerateRunes().Count(rune => !IsCombiningMark(rune)) == 1;

    /// <summary>
    /// Runs of letters and digits, with the combining marks that belong to them ("Ko\u0308ln" is one word), by Unicode
    /// scalar so that letters beyond the first plane are not split into halves. A run of marks alone is no word.
    /// </summary>
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var current = new StringBuilder();
        var hasLetterOrDigit = false;

        void EndTerm()
        {
            var term = current.ToString();
            if (hasLetterOrDigit && terms.Count < MaxTerms && !OperatorWords.Contains(term) && seen.Add(term))
            {
                terms.Add(term);
            }

            current.Clear();
            hasLetterOrDigit = false;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                hasLetterOrDigit = true;
                current.Append(rune.ToString());
            }
            else if (IsCombiningMark(rune))
            {
                current.Append(rune.ToString());
            }
            else
            {
                EndTerm();
            }
        }

        EndTerm();
        return terms;
    }

    private static bool IsCombiningMark(Rune rune) => Rune.GetUnicodeCategory(rune)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
