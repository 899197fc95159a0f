using System.Globalization;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// Instants are stored as fixed-width UTC text ("2025-03-14T08:30:00.0000000Z"), so that comparing and sorting
/// the text in SQL compares the instants.
/// </summary>
public static class SqliteDates
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToText(DateTimeOffset? instant) => instant is { } value ? ToText(value) : null;

    public static DateTimeOffset FromText(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? FromNullableText(string? text) => text is null ? null : FromText(text);
}
