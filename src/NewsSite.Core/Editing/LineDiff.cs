namespace NewsSite.Core.Editing;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <param name="OldNumber">Line number in the old text; null for an added line.</param>
/// <param name="NewNumber">Line number in the new text; null for a removed line.</param>
public sealed record DiffLine(DiffKind Kind, string Text, int? OldNumber, int? NewNumber);

/// <summary>
/// A line diff between two revisions' Markdown: the longest common subsequence of lines, after the common start
/// and end are set aside, which is all that usually changes in an edit. Articles are at most 1 MB; past
/// <see cref="MaxCells"/> the middle is shown as removed and added as a whole rather than spending the memory.
/// </summary>
public static class LineDiff
{
    public const long MaxCells = 16_000_000;

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
        if ((long)oldMiddle.Length * newMiddle.Length > MaxCells)
        {
            result.AddRange(oldMiddle.Select((line, i) => new DiffLine(DiffKind.Removed, line, prefix + i + 1, null)));
            result.AddRange(newMiddle.Select((line, i) => new DiffLine(DiffKind.Added, line, null, prefix + i + 1)));
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
        // lengths[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                result.Add(new DiffLine(DiffKind.Same, a[x], offset + x + 1, offset + y + 1));
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                // On a tie the removal comes first: "-old +new" reads as a replacement.
                result.Add(new DiffLine(DiffKind.Removed, a[x], offset + x + 1, null));
                x++;
            }
            else
            {
                result.Add(new DiffLine(DiffKind.Added, b[y], null, offset + y + 1));
                y++;
            }
        }
    }
}
