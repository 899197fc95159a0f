using System.Text;
using NewsSite.Core.Search;

namespace NewsSite.Core.Tags;

/// <summary>Why two tags look like one.</summary>
public enum DuplicateKind
{
    /// <summary>Only umlaut transliteration (ä/ae, ö/oe, ü/ue, ß/ss), case or hyphen and space differ: "Koeln" and "Köln".</summary>
    Spelling,

    /// <summary>One letter apart (added, dropped, replaced or two swapped), both at least five long: "Flüchtling" and "Flüchtlinge".</summary>
    OneLetter,
}

/// <summary>A pair of tags that are likely one; <see cref="Keep"/> is the suggested target (the spelling with umlauts, else the one with more articles).</summary>
public sealed record LikelyDuplicate(TagSummary Keep, TagSummary Merge, DuplicateKind Kind);

/// <summary>
/// The report of likely duplicates on the tag admin: what an import from another system leaves behind. It only
/// suggests; an editor decides each merge. Tags whose names differ only in digits ("Wahl 2021", "Wahl 2025") are not
/// reported: those are different things.
/// </summary>
public static class TagDuplicates
{
    /// <summary>Names shorter than this are not compared letter by letter: "USA" and "UNO" are one letter apart.</summary>
    public const int MinLengthForOneLetter = 5;

    /// <summary>
    /// The name as the comparison sees it: lower case, German umlauts and ß written out, hyphens, underscores and runs
    /// of spaces as one space.
    /// </summary>
    public static string Fold(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folded = new StringBuilder(name.Length + 4);
        var pendingSpace = false;
        foreach (var c in name.Normalize(NormalizationForm.FormC).ToLowerInvariant())
        {
            if (c is '-' or '_' or '‐' or '‑' or '–' || char.IsWhiteSpace(c))
            {
                pendingSpace = folded.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }

            folded.Append(c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' or 'ẞ' => "ss",
                _ => c.ToString(),
            });
        }

        return folded.ToString();
    }

    /// <summary>
    /// Whether two names are likely one by the report's rules (also used for authors' names, decision 0021): equal
    /// once folded (<see cref="Fold"/>), or one letter apart when both have at least
    /// <see cref="MinLengthForOneLetter"/> characters and do not differ only in digits. Not when they fold the same
    /// and are equal as given.
    /// </summary>
    public static bool AreLikelyOne(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (x, y) = (Fold(a), Fold(b));
        if (x == y)
        {
            return true;
        }

        if (a.Length < MinLengthForOneLetter || b.Length < MinLengthForOneLetter
            || (x.Any(char.IsDigit) && string.Concat(x.Where(c => !char.IsDigit(c))) == string.Concat(y.Where(c => !char.IsDigit(c)))))
        {
            return false;
        }

        return SpellingDistance.Within(x, y, 1) <= 1;
    }

    /// <summary>Every likely pair once, ordered by the suggested target's name in German order, then the other's.</summary>
    public static IReadOnlyList<LikelyDuplicate> Find(IReadOnlyList<TagSummary> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var folds = tags.Select(t => Fold(t.Name)).ToArray();
        var withoutDigits = folds.Select(f => f.Any(char.IsDigit) ? string.Concat(f.Where(c => !char.IsDigit(c))) : null).ToArray();
        var found = new Dictionary<(int, int), DuplicateKind>();

        foreach (var group in Enumerable.Range(0, tags.Count).GroupBy(i => folds[i], StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var members = group.ToArray();
            for (var a = 0; a < members.Length; a++)
            {
                for (var b = a + 1; b < members.Length; b++)
                {
                    found[(members[a], members[b])] = DuplicateKind.Spelling;
                }
            }
        }

        // One letter apart: two strings within one edit share the string itself or one of its one-letter deletions
        // (the symmetric-delete idea), so only those are compared, not every pair of a few thousand tags.
        var byDeletion = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].Name.Length < MinLengthForOneLetter)
            {
                continue;
            }

            var fold = folds[i];
            foreach (var key in new[] { fold }.Concat(Enumerable.Range(0, fold.Length).Select(at => fold.Remove(at, 1))).Distinct(StringComparer.Ordinal))
            {
                if (!byDeletion.TryGetValue(key, out var list))
                {
                    byDeletion[key] = list = [];
                }

                list.Add(i);
            }
        }

        foreach (var list in byDeletion.Values.Where(l => l.Count > 1))
        {
            for (var a = 0; a < list.Count; a++)
            {
                for (var b = a + 1; b < list.Count; b++)
                {
                    var (x, y) = (Math.Min(list[a], list[b]), Math.Max(list[a], list[b]));
                    // Names that differ only in digits ("Wahl 2021", "Wahl 2025") are different things.
                    if (x == y || folds[x] == folds[y] || (withoutDigits[x] is { } letters && letters == withoutDigits[y]) || found.ContainsKey((x, y)))
                    {
                        continue;
                    }

                    if (SpellingDistance.Within(folds[x], folds[y], 1) <= 1)
                    {
                        found[(x, y)] = DuplicateKind.OneLetter;
                    }
                }
            }
        }

        return found
            .Select(pair => Suggest(tags[pair.Key.Item1], tags[pair.Key.Item2], pair.Value))
            .OrderBy(d => d.Keep.Name, GermanOrder.Names)
            .ThenBy(d => d.Merge.Name, GermanOrder.Names)
            .ToList();
    }

    // A German site writes "Köln", not "Koeln": of two spellings that differ by transliteration the one with umlauts
    // (the shorter) is kept, whatever the counts. Otherwise the tag with more articles, then the German-first name.
    private static LikelyDuplicate Suggest(TagSummary a, TagSummary b, DuplicateKind kind)
    {
        var aFirst = kind == DuplicateKind.Spelling && a.Name.Length != b.Name.Length
            ? a.Name.Length < b.Name.Length
            : a.Articles != b.Articles
                ? a.Articles > b.Articles
                : GermanOrder.Names.Compare(a.Name, b.Name) <= 0;
        return aFirst ? new LikelyDuplicate(a, b, kind) : new LikelyDuplicate(b, a, kind);
    }
}
