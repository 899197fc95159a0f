using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace NewsSite.Core.Editing;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>A piece of a changed line: a word, a run of spaces or punctuation, kept or changed.</summary>
public sealed record DiffSpan(DiffKind Kind, string Text);

/// <param name="OldNumber">Line number in the old text; null for an added line.</param>
/// <param name="NewNumber">Line number in the new text; null for a removed line.</param>
public sealed record DiffLine(DiffKind Kind, string Text, int? OldNumber, int? NewNumber)
{
    /// <summary>
    /// For a removed line that was replaced by an added one (and that added line): the line's pieces, each
    /// <see cref="DiffKind.Same"/> or the line's own kind, so that a one-word edit marks one word, not the paragraph
    /// (a paragraph is one line of Markdown). Null when the line is unchanged, or has no counterpart sharing a word.
    /// </summary>
    public IReadOnlyList<DiffSpan>? Words { get; init; }
}

/// <summary>
/// A line diff between two revisions' Markdown, with the changed words marked within replaced lines. DiffPlex does
/// the work (Myers' algorithm, for lines and then for the words of each replaced pair; decision 0023
/// says why a library). The common start and end are set aside first, which is all that usually changes in an edit.
/// Articles are at most 1 MB; past <see cref="MaxCells"/> a middle is shown as removed and added as a whole rather
/// than spending the time, and a pair of lines that large is shown without word marks.
/// </summary>
public static class LineDiff
{
    public const long MaxCells = 16_000_000;

    private static readonly IChunker Lines = new NewlineChunker();
    // Words between runs of spaces and punctuation, German quotes and Markdown's marks included, so that a quoted
    // title's closing „"“ or a "**" is not counted as part of the word that changed.
    private static readonly IChunker Words = new DelimiterChunker(" \t.,;:!?\"'„“”‚‘’«»()[]{}*_#<>/|–—-".ToCharArray());

    public static IReadOnlyList<DiffLine> Compare(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var a = oldText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var b = newText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var result = new List<DiffLine>(Math.Max(a.Length, b.Length) + 8);
        for (var i = 0; i < prefix; i++)
        {
            result.Add(new DiffLine(DiffKind.Same, a[i], i + 1, i + 1));
        }

        var oldMiddle = a[prefix..^suffix];
        var newMiddle = b[prefix..^suffix];
        if (oldMiddle.Length == 0 || newMiddle.Length == 0 || (long)oldMiddle.Length * newMiddle.Length > MaxCells)
        {
            AddReplacement(result, oldMiddle, prefix, newMiddle, prefix);
        }
        else
        {
            AddMiddle(result, oldMiddle, newMiddle, prefix);
        }

        for (var i = 0; i < suffix; i++)
        {
            var oldIndex = a.Length - suffix + i;
            var newIndex = b.Length - suffix + i;
            result.Add(new DiffLine(DiffKind.Same, a[oldIndex], oldIndex + 1, newIndex + 1));
        }

        return result;
    }

    private static void AddMiddle(List<DiffLine> result, string[] a, string[] b, int offset)
    {
        // A first line both texts share: DiffPlex gives an empty text no piece at all, where we count one empty line,
        // and then its block positions would not index our lines. The sentinel matches itself and is skipped below.
        const string Sentinel = "\u0000\n";
        var diff = Differ.Instance.CreateDiffs(Sentinel + string.Join('\n', a), Sentinel + string.Join('\n', b), ignoreWhiteSpace: false, ignoreCase: false, Lines);
        int x = 0, y = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; x < block.DeleteStartA - 1; x++, y++)
            {
                result.Add(new DiffLine(DiffKind.Same, a[x], offset + x + 1, offset + y + 1));
            }

            // Removals before additions: "-old +new" reads as a replacement.
            AddReplacement(result, a[x..(x + block.DeleteCountA)], offset + x, b[y..(y + block.InsertCountB)], offset + y);
            x += block.DeleteCountA;
            y += block.InsertCountB;
        }

        for (; x < a.Length; x++, y++)
        {
            result.Add(new DiffLine(DiffKind.Same, a[x], offset + x + 1, offset + y + 1));
        }
    }

    /// <summary>Removed lines, then added ones; the n-th removed and n-th added line of a block are a pair whose words are compared.</summary>
    private static void AddReplacement(List<DiffLine> result, string[] removed, int removedOffset, string[] added, int addedOffset)
    {
        var pairs = Math.Min(removed.Length, added.Length);
        var words = new (IReadOnlyList<DiffSpan>? Old, IReadOnlyList<DiffSpan>? New)[pairs];
        for (var i = 0; i < pairs; i++)
        {
            words[i] = CompareWords(removed[i], added[i]);
        }

        for (var i = 0; i < removed.Length; i++)
        {
            result.Add(new DiffLine(DiffKind.Removed, removed[i], removedOffset + i + 1, null) { Words = i < pairs ? words[i].Old : null });
        }

        for (var i = 0; i < added.Length; i++)
        {
            result.Add(new DiffLine(DiffKind.Added, added[i], null, addedOffset + i + 1) { Words = i < pairs ? words[i].New : null });
        }
    }

    private static (IReadOnlyList<DiffSpan>? Old, IReadOnlyList<DiffSpan>? New) CompareWords(string oldLine, string newLine)
    {
        // A rough count of pieces (words and the gaps between them) keeps a rewritten 100 KB paragraph cheap.
        if ((long)(oldLine.Length / 4 + 1) * (newLine.Length / 4 + 1) > MaxCells)
        {
            return (null, null);
        }

        var diff = Differ.Instance.CreateDiffs(oldLine, newLine, ignoreWhiteSpace: false, ignoreCase: false, Words);
        var oldSpans = Spans(diff.PiecesOld, diff.DiffBlocks.Select(b => (b.DeleteStartA, b.DeleteCountA)), DiffKind.Removed);
        var newSpans = Spans(diff.PiecesNew, diff.DiffBlocks.Select(b => (b.InsertStartB, b.InsertCountB)), DiffKind.Added);

        // Two lines that share no word are a rewrite: marking every word would only repeat the line's colour.
        var sharesAWord = oldSpans.Any(s => s.Kind == DiffKind.Same && s.Text.Any(char.IsLetterOrDigit));
        return sharesAWord ? (oldSpans, newSpans) : (null, null);
    }

    private static List<DiffSpan> Spans(IReadOnlyList<string> pieces, IEnumerable<(int Start, int Count)> changes, DiffKind changed)
    {
        var kinds = new DiffKind[pieces.Count];
        foreach (var (start, count) in changes)
        {
            Array.Fill(kinds, changed, start, count);
        }

        // A space kept between two changed words belongs to the change: "[-regnet heute]", not "[-regnet] [-heute]".
        for (var i = 1; i < pieces.Count - 1; i++)
        {
            if (kinds[i] == DiffKind.Same && kinds[i - 1] == changed && kinds[i + 1] == changed && string.IsNullOrWhiteSpace(pieces[i]))
            {
                kinds[i] = changed;
            }
        }

        // Neighbouring pieces of one kind become one span: "sagte am Dienstag" rather than five spans.
        var spans = new List<DiffSpan>();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < pieces.Count; i++)
        {
            text.Append(pieces[i]);
            if (i == pieces.Count - 1 || kinds[i + 1] != kinds[i])
            {
                spans.Add(new DiffSpan(kinds[i], text.ToString()));
                text.Clear();
            }
        }

        return spans;
    }

    /// <summary>Lines split on '\n' only, as <see cref="Compare"/> splits them, so that the block positions index the same arrays.</summary>
    private sealed class NewlineChunker : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => text.Split('\n');
    }
}
