using System.Buffers;
using System.Text;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Search;

/// <summary>
/// The excerpt of a search hit, cut from the original text in C#: the index holds normalised stems ("koln strass"),
/// which no reader should see, so FTS5's snippet() cannot make it. The matched words are marked with
/// <see cref="SearchSnippet.MatchStart"/> and <see cref="SearchSnippet.MatchEnd"/> for <see cref="SearchSnippet.ToHtml"/>.
/// The text comes with its block boundaries as line breaks (<see cref="Markdown.HtmlPlainText.FromHtmlKeepingBlocks"/>):
/// an excerpt never begins in the block before the match, and where it runs on into the next block, a block that does
/// not end a sentence (a heading, a list item) is closed with a dash, so "Neue Strecken" and "Schwerpunkt des Plans …"
/// do not read as one sentence.
/// </summary>
public static class SearchExcerpt
{
    /// <summary>Words in an excerpt, about as many as FTS5's snippet() showed before.</summary>
    public const int Words = 24;

    // At most this many words before the first match, so that the match stands near the beginning.
    private const int WordsBeforeMatch = 8;

    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create(".!?:;…");

    /// <summary>The excerpt around the first word matching <paramref name="terms"/>, or null when none matches.</summary>
    public static string? AroundMatch(string text, IReadOnlyList<SearchTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        text = SearchSnippet.WithoutMarkers(text);
        var words = GermanSearchAnalyzer.Words(text);
        var match = -1;
        for (var i = 0; i < words.Count && match < 0; i++)
        {
            if (Matches(words[i], terms))
            {
                match = i;
            }
        }

        if (match < 0)
        {
            return null;
        }

        var blockStart = text.LastIndexOf('\n', Math.Max(words[match].Start - 1, 0)) + 1;
        var first = match;
        while (first > 0 && match - first < WordsBeforeMatch && words[first - 1].Start >= blockStart)
        {
            first--;
        }

        return Write(text, words, first, terms);
    }

    /// <summary>The beginning of <paramref name="text"/>, nothing marked: for a hit that matched in title or tags only.</summary>
    public static string Beginning(string text)
    {
        text = SearchSnippet.WithoutMarkers(text);
        return Write(text, GermanSearchAnalyzer.Words(text), 0, []);
    }

    private static bool Matches(SearchWord word, IReadOnlyList<SearchTerm> terms)
    {
        foreach (var term in terms)
        {
            if (term.IsPrefix ? word.Term.StartsWith(term.Term, StringComparison.Ordinal) : word.Term == term.Term)
            {
                return true;
            }
        }

        return false;
    }

    private static string Write(string text, IReadOnlyList<SearchWord> words, int first, IReadOnlyList<SearchTerm> terms)
    {
        if (words.Count == 0)
        {
            return "";
        }

        var last = Math.Min(first + Words, words.Count) - 1;
        var excerpt = new StringBuilder();

        // With what stands directly before the first word ("„Köln", "<script"); "…" where the excerpt begins inside a
        // block, a block's first word needs none.
        var from = words[first].Start;
        while (from > 0 && !char.IsWhiteSpace(text[from - 1]))
        {
            from--;
        }

        if (from > 0 && text[from - 1] != '\n')
        {
            excerpt.Append('…');
        }

        excerpt.Append(text, from, words[first].Start - from);
        var position = words[first].Start;
        for (var i = first; i <= last; i++)
        {
            AppendBetween(excerpt, text, position, words[i].Start);
            var isMatch = terms.Count > 0 && Matches(words[i], terms);
            if (isMatch)
            {
                excerpt.Append(SearchSnippet.MatchStart);
            }

            excerpt.Append(text, words[i].Start, words[i].End - words[i].Start);
            if (isMatch)
            {
                excerpt.Append(SearchSnippet.MatchEnd);
            }

            position = words[i].End;
        }

        // The punctuation that closes the last word ("Plans."), up to the next space or block boundary.
        var end = position;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        excerpt.Append(text, position, end - position);
        if (last < words.Count - 1)
        {
            excerpt.Append('…');
        }

        return excerpt.ToString();
    }

    // The text between two words, a block boundary written as a space after a sentence's end and as " – " otherwise.
    private static void AppendBetween(StringBuilder excerpt, string text, int from, int to)
    {
        var between = text.AsSpan(from, to - from);
        var lineBreak = between.IndexOf('\n');
        if (lineBreak < 0)
        {
            excerpt.Append(between);
            return;
        }

        var beforeBreak = between[..lineBreak].TrimEnd();
        excerpt.Append(beforeBreak);
        // Words hold no punctuation, so what ends the block's last sentence ("Plans.“") is all in between.
        excerpt.Append(beforeBreak.IndexOfAny(SentenceEnds) >= 0 ? " " : " – ");
        excerpt.Append(between[(between.LastIndexOf('\n') + 1)..].TrimStart());
    }
}
