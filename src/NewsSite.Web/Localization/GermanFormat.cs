using System.Globalization;
using NewsSite.Core.Articles;

namespace NewsSite.Web.Localization;

/// <summary>Dates as a German reader expects them: Berlin time, "14. März 2025".</summary>
public static class GermanFormat
{
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("de-DE");

    public static string Date(DateTimeOffset instant) =>
        NewsroomTime.ToLocal(instant).ToString("d. MMMM yyyy", Culture);

    /// <summary>For the datetime attribute of &lt;time&gt;: local time with its offset, "2025-03-14T09:30:00+01:00".</summary>
    public static string MachineDate(DateTimeOffset instant) =>
        NewsroomTime.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>"14. März 2025, 09:30 Uhr": for the admin, where the time of day matters.</summary>
    public static string DateTime(DateTimeOffset instant) =>
        NewsroomTime.ToLocal(instant).ToString("d. MMMM yyyy, HH:mm 'Uhr'", Culture);

    /// <summary>"5.000": a number with German digit grouping.</summary>
    public static string Number(int value) => value.ToString("N0", Culture);

    /// <summary>"1 MB", "512 KB": limits as an editor reads them.</summary>
    public static string Size(long bytes) => NewsSite.Core.ByteSize.Format(bytes);
}
