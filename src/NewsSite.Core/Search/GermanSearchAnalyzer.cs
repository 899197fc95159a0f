using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;

namespace NewsSite.Core.Search;

/// <summary>A word of a text as search compares it: its term, and where the word stands in the text.</summary>
/// <param name="Term">Normalised and stemmed: "Gefangene", "Gefangener" and "GEFANGENEN" are all "gefang".</param>
/// <param name="Start">Index of the word's first character in the analysed text.</param>
/// <param name="End">Index just past its last character.</param>
public readonly record struct SearchWord(string Term, int Start, int End);

/// <summary>
/// The one analysis of German text for search, the same for what is indexed and what a reader types, so that both meet
/// (docs/decisions/0011-german-search.md). Words are runs of letters and digits with their combining marks (the rule
/// of <see cref="Articles.SearchQuery"/>), folded to lower case and NFC, then Lucene's German filters:
/// <see cref="GermanNormalizationFilter"/> (ä/ae → a, ö/oe → o, ü/ue → u except after a vowel or q, ß → ss),
/// <see cref="ASCIIFoldingFilter"/> for the accents of other languages (é → e, as unicode61's remove_diacritics did)
/// and <see cref="GermanLightStemFilter"/> (inflection endings: Gefangene/Gefangener/Gefangenen). It lives outside
/// Data/Sqlite because every store indexes these terms: SQLite's FTS5 table today, PostgreSQL's tsvector later.
/// </summary>
public static class GermanSearchAnalyzer
{
    private static readonly Analyzer Analyzer = new GermanWordsAnalyzer();

    /// <summary>The words of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<SearchWord> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<SearchWord>();
        if (text.Length == 0)
        {
            return words;
        }

        // Lucene reuses the analyser's components per thread; the stream is read to its end before anything else runs.
        using var stream = Analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(new SearchWord(term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return words;
    }

    /// <summary>The terms of <paramref name="text"/> separated by spaces: what an index column holds.</summary>
    public static string IndexText(string text) => string.Join(' ', Words(text).Select(word => word.Term));

    /// <summary>The term of one word as the reader typed it ("Straße" → "strass", "koeln" → "koln").</summary>
    public static string TermOf(string word)
    {
        var words = Words(word);
        return words.Count == 0 ? "" : string.Concat(words.Select(w => w.Term));
    }

    private sealed class GermanWordsAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var words = new WordTokenizer(reader);
            TokenStream stream = new GermanNormalizationFilter(words);
            stream = new ASCIIFoldingFilter(stream);
            stream = new GermanLightStemFilter(stream);
            return new TokenStreamComponents(words, stream);
        }
    }

    /// <summary>
    /// Runs of letters and digits with their combining marks, by Unicode scalar, as <see cref="Articles.SearchQuery"/>
    /// splits a query; each word lower-cased and composed (NFC), so that "Ko\u0308ln" is "köln" before the German
    /// rules see it. Lucene's CharTokenizer works per character and could not compose.
    /// </summary>
    private sealed class WordTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute term;
        private readonly IOffsetAttribute offset;
        private string text = "";
        private int position;

        public WordTokenizer(TextReader reader) : base(reader)
        {
            term = AddAttribute<ICharTermAttribute>();
            offset = AddAttribute<IOffsetAttribute>();
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            while (position < text.Length)
            {
                var start = position;
                var hasLetterOrDigit = false;
                while (position < text.Length)
                {
                    // A lone surrogate decodes as U+FFFD, which is no letter: it separates words.
                    Rune.DecodeFromUtf16(text.AsSpan(position), out var rune, out var length);
                    if (Rune.IsLetterOrDigit(rune))
                    {
                        hasLetterOrDigit = true;
                    }
                    else if (!IsCombiningMark(rune))
                    {
                        if (position == start)
                        {
                            start += length;
                        }
                        else
                        {
                            break;
                        }
                    }

                    position += length;
                }

                if (!hasLetterOrDigit)
                {
                    continue;
                }

                term.SetEmpty().Append(text[start..position].ToLowerInvariant().Normalize(NormalizationForm.FormC));
                offset.SetOffset(CorrectOffset(start), CorrectOffset(position));
                return true;
            }

            return false;
        }

        public override void Reset()
        {
            base.Reset();
            text = m_input.ReadToEnd();
            position = 0;
        }

        public override void End()
        {
            base.End();
            var final = CorrectOffset(text.Length);
            offset.SetOffset(final, final);
        }

        private static bool IsCombiningMark(Rune rune) => Rune.GetUnicodeCategory(rune)
            is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }
}
