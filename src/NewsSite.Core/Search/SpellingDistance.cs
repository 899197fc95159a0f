namespace NewsSite.Core.Search;

/// <summary>
/// How many typing slips apart two words are: insertions, deletions, substitutions and swaps of neighbours ("Ukriane"
/// for "Ukraine" is one), the optimal string alignment distance. Stops early once the distance exceeds a limit, since
/// "Meinten Sie …?" compares a word with thousands.
/// </summary>
public static class SpellingDistance
{
    /// <returns>The distance, or <paramref name="limit"/> + 1 when it is greater than <paramref name="limit"/>.</returns>
    public static int Within(string a, string b, int limit)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        // Three rows suffice: the swap looks two back. On the stack for words (terms are at most 255 characters).
        var width = b.Length + 1;
        Span<int> rows = width <= 256 ? stackalloc int[3 * width] : new int[3 * width];
        var previous2 = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var distance = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    distance = Math.Min(distance, previous2[j - 2] + 1);
                }

                current[j] = distance;
                rowMinimum = Math.Min(rowMinimum, distance);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            var oldest = previous2;
            previous2 = previous;
            previous = current;
            current = oldest;
        }

        return Math.Min(previous[b.Length], limit + 1);
    }
}
