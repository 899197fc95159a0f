namespace NewsSite.Core.Articles;

/// <summary>
/// The characters that embed, override or isolate text direction: U+202A–U+202E and U+2066–U+2069. No word contains
/// them. In a name shown on a page (a title, a byline, a tag) one of them reverses what follows it beyond the name
/// itself wherever the name is not isolated, and in a page's &lt;title&gt; nothing can isolate it: "U+202E gpj.exe"
/// shows as "exe.jpg". Names refuse them when written; search drops them from what a reader typed.
/// The marks U+200E/U+200F (LRM, RLM) reorder nothing around them and stay allowed, for quoted Hebrew or Arabic.
/// </summary>
public static class DirectionControls
{
    public static bool IsControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <returns>The first such character, or null.</returns>
    public static char? FindIn(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var span = text.AsSpan();
        var embedding = span.IndexOfAnyInRange('\u202A', '\u202E');
        var isolate = span.IndexOfAnyInRange('\u2066', '\u2069');
        var first = embedding < 0 ? isolate : isolate < 0 ? embedding : Math.Min(embedding, isolate);
        return first < 0 ? null : text[first];
    }

    public static string Without(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FindIn(text) is null ? text : string.Concat(text.Where(c => !IsControl(c)));
    }

    /// <summary>The German reason for refusing a name that holds <paramref name="control"/>.</summary>
    public static string Refusal(char control) =>
        $"Der Text enthält das unsichtbare Steuerzeichen U+{(int)control:X4} für die Schreibrichtung, das die Anzeige " +
        "der Seite umdrehen würde. Bitte entfernen (es stammt meist aus einer kopierten Vorlage).";
}
