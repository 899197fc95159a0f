using System.Globalization;

namespace NewsSite.Core.Articles;

/// <summary>
/// A calendar month in newsroom time (Berlin), as the archive lists it: an article published on 31 March at 23:30
/// Berlin time (21:30 UTC) belongs to March, one at 00:30 on 1 April (22:30 UTC on 31 March) to April. Only the
/// years 1900 to 9999 exist, so that every month has an address /archiv/yyyy/mm and both its ends are instants.
/// </summary>
public readonly record struct ArchiveMonth : IComparable<ArchiveMonth>
{
    public const int MinYear = 1900;
    public const int MaxYear = 9999;

    // Midnight of 1 January 10000 in Berlin (CET, +01:00): the end of the last month, still a valid instant.
    private static readonly DateTimeOffset EndOfLastMonth = new(MaxYear, 12, 31, 23, 0, 0, TimeSpan.Zero);

    private ArchiveMonth(int year, int month)
    {
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    /// <summary>The first instant of the month: midnight of its first day in Berlin.</summary>
    public DateTimeOffset Start => StartOf(Year, Month);

    /// <summary>The first instant after the month (exclusive end): midnight of the next month's first day in Berlin.</summary>
    public DateTimeOffset End => Month == 12
        ? (Year == MaxYear ? EndOfLastMonth : StartOf(Year + 1, 1))
        : StartOf(Year, Month + 1);

    public static bool TryCreate(int year, int month, out ArchiveMonth result)
    {
        result = default;
        if (year is < MinYear or > MaxYear || month is < 1 or > 12)
        {
            return false;
        }

        result = new ArchiveMonth(year, month);
        return true;
    }

    /// <summary>The Berlin month an instant falls in; null outside the archive's years.</summary>
    public static ArchiveMonth? Containing(DateTimeOffset instant)
    {
        if (instant >= EndOfLastMonth)
        {
            return null; // Berlin's calendar is already in the year 10000, which DateTime cannot hold.
        }

        var local = NewsroomTime.ToLocal(instant);
        return TryCreate(local.Year, local.Month, out var month) ? month : null;
    }

    public int CompareTo(ArchiveMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(ArchiveMonth left, ArchiveMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(ArchiveMonth left, ArchiveMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(ArchiveMonth left, ArchiveMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ArchiveMonth left, ArchiveMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    // Midnight is never skipped or repeated by Berlin's clock changes (they happen at 02:00 and 03:00), so the
    // offset at local midnight is unambiguous.
    private static DateTimeOffset StartOf(int year, int month)
    {
        var localMidnight = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(localMidnight, NewsroomTime.Zone.GetUtcOffset(localMidnight));
    }
}
