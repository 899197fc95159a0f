using System.Globalization;
using NewsSite.Core.Articles;

namespace NewsSite.Web.Pages.Admin;

/// <summary>
/// The admin's „Von“/„Bis“ filters (the audit log, the article list): German calendar days as a date input sends them,
/// "bis" the whole day, i.e. everything before the next day's midnight in Berlin.
/// </summary>
public static class CalendarDays
{
    /// <summary>A yyyy-MM-dd day, or null for an empty field; anything else is a problem beside <paramref name="field"/>.</summary>
    public static DateOnly? Parse(FieldProblems problems, string field, string? text)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day.Year is < 1900 or > 2100)
        {
            problems.Add(field, "Bitte ein Datum wie 2025-03-14 angeben.");
            return null;
        }

        return day;
    }

    /// <summary>Midnight in Berlin at the start of <paramref name="from"/>, and at the end of <paramref name="to"/>.</summary>
    public static (DateTimeOffset? Start, DateTimeOffset? End) Range(DateOnly? from, DateOnly? to) =>
        (from is { } first ? NewsroomTime.StartOfDay(first) : null, to is { } last ? NewsroomTime.StartOfDay(last.AddDays(1)) : null);
}
