using System.Globalization;

namespace NewsSite.Web.Localization;

/// <summary>Instants for machines (feeds, sitemaps, OpenGraph, JSON-LD): RFC 3339 in UTC, "2025-03-14T08:30:00Z".</summary>
public static class MachineTime
{
    // UTC with "Z": what all of those formats accept, and no "+" for HTML encoding to turn into &#x2B;.
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
