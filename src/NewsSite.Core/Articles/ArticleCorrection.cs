namespace NewsSite.Core.Articles;

/// <summary>
/// A public correction of an article: when it was made and what readers are told ("In einer früheren Fassung stand …").
/// Plain text, shown encoded; never Markdown or HTML. Kept in the front matter (<c>corrections:</c>), so that an export
/// carries it; see docs/decisions/0019-corrections.md.
/// </summary>
public sealed record ArticleCorrection(DateTimeOffset At, string Text);

/// <summary>The rules for a correction's text, one place for the front matter and the editor's field.</summary>
public static class CorrectionText
{
    public const int MaxLength = 1000;

    /// <summary>Enough for the corrections a real article gathers; bounds what every article page and feed entry reads.</summary>
    public const int MaxPerArticle = 50;

    /// <summary>One paragraph: every run of whitespace (line breaks too) becomes a single space; null when nothing is left.</summary>
    public static string? Normalize(string? text) => FrontMatterReader.CollapseWhitespace(text) is { Length: > 0 } one ? one : null;

    /// <summary>
    /// Why <paramref name="text"/> cannot be a correction, in German, or null. Checked before <see cref="Normalize"/>:
    /// control characters other than tab and line breaks are refused rather than quietly dropped.
    /// </summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if ((char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF')
            {
                return $"Die Korrektur enthält das unsichtbare Steuerzeichen U+{(int)c:X4}. Bitte entfernen " +
                       "(es stammt meist aus einer kopierten Vorlage).";
            }
        }

        if (DirectionControls.FindIn(text) is { } control)
        {
            return DirectionControls.Refusal(control);
        }

        var normalized = Normalize(text);
        return normalized is { Length: > MaxLength }
            ? $"Die Korrektur ist zu lang ({normalized.Length} Zeichen, höchstens {MaxLength})."
            : null;
    }
}
