using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsSite.Core.Articles;

/// <summary>
/// Dates as editors write them, in front matter (date, updated) and in the editor's date field: ISO 8601, German time
/// unless a zone is given, and within the years <see cref="MinYear"/> to <see cref="MaxYear"/> of German time. The
/// one place that reads them, so that the form and the file accept the same dates. The range keeps every date far
/// from the ends of DateTimeOffset, where turning Berlin time into UTC and back overflows (0001-01-01T00:30 was a
/// 500), and refuses typos that would hide an article for centuries (2205 for 2025). Why these years: docs/editing.md.
/// </summary>
public static partial class ArticleDates
{
    /// <summary>The archive's first year (<see cref="ArchiveMonth.MinYear"/>); Berlin has kept CET since 1893.</summary>
    public const int MinYear = 1900;

    /// <summary>Scheduling beyond it is a typo rather than a plan.</summary>
    public const int MaxYear = 2100;

    /// <exception cref="ArticleFormatException">Not a date, not a time in Germany, or outside the years allowed; German, naming the field.</exception>
    public static DateTimeOffset Parse(string sourceName, string text, int? line, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = IsoDate().Match(text);
        if (!match.Success)
        {
            throw new ArticleFormatException(sourceName,
                $"„{text}“ ist kein Datum im Format ISO 8601, z. B. 2025-03-14 oder 2025-03-14T09:30:00.", line, field);
        }

        // The written year first: outside the range, the conversions below could overflow.
        var instant = IsInRange(int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture))
            ? ToInstant(sourceName, text, match.Groups["zone"].Value.Length > 0, line, field)
            : (DateTimeOffset?)null;

        // Then the German calendar's year, which a zone can shift across New Year.
        if (instant is null || !IsInRange(NewsroomTime.ToLocal(instant.Value).Year))
        {
            throw new ArticleFormatException(sourceName,
                $"„{text}“ liegt außerhalb des erlaubten Zeitraums: Erlaubt sind Daten in den Jahren {MinYear} bis {MaxYear} (deutsche Zeit).",
                line, field);
        }

        return instant.Value;
    }

    private static bool IsInRange(int year) => year is >= MinYear and <= MaxYear;

    private static DateTimeOffset ToInstant(string sourceName, string text, bool hasZone, int? line, string field)
    {
        if (hasZone)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withZone))
            {
                return withZone.ToUniversalTime();
            }
        }
        else if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            // Without a zone the newsroom means Berlin time, summer or winter.
            local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            if (NewsroomTime.Zone.IsInvalidTime(local))
            {
                throw new ArticleFormatException(sourceName,
                    $"„{text}“ gibt es in deutscher Zeit nicht (Umstellung auf Sommerzeit).", line, field);
            }

            return new DateTimeOffset(local, NewsroomTime.Zone.GetUtcOffset(local)).ToUniversalTime();
        }

        throw new ArticleFormatException(sourceName, $"„{text}“ ist kein gültiges Datum.", line, field);
    }

    [GeneratedRegex(@"^(?<year>\d{4})-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)?\s*(?<zone>Z|[+-]\d{2}:?\d{2})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
