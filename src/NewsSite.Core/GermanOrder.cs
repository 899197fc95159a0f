using System.Globalization;

namespace NewsSite.Core;

/// <summary>
/// Alphabetical order as a German reader expects it: "Ärzte" between "Apfel" and "Bahn", not after "Zoll". SQLite's
/// own collations compare code points (Ä after Z), so lists that readers scan are sorted here, with ICU's de-DE rules.
/// </summary>
public static class GermanOrder
{
    private static readonly CompareInfo Collation = CultureInfo.GetCultureInfo("de-DE").CompareInfo;

    /// <summary>German order; names that collate as equal fall back to ordinal order, so the result never varies.</summary>
    public static IComparer<string> Names { get; } = Comparer<string>.Create((x, y) =>
    {
        var german = Collation.Compare(x, y, CompareOptions.None);
        return german != 0 ? german : string.CompareOrdinal(x, y);
    });
}
