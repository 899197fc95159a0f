using System.Globalization;
using Dapper;
using NewsSite.Core.Data;

namespace NewsSite.Core.Articles;

/// <summary>Reads for browsing the published articles: the archive by month and the overview of tags.</summary>
public sealed partial class ArticleRepository
{
    // "yyyy-MM" for most instants, "yyyy-MM-ddTHH" from day 28, 21:00 UTC on; see ListArchiveMonthsAsync.
    internal const string ArchiveBucketsSql =
        $"""
        SELECT CASE WHEN substr(a.published_at, 9, 5) < '28T21' THEN substr(a.published_at, 1, 7)
                    ELSE substr(a.published_at, 1, 13) END AS bucket,
               count(*)
        FROM articles a
        WHERE {VisibleSql}
        GROUP BY bucket;
        """;

    /// <summary>
    /// Every Berlin month with published articles and how many, newest first, from one grouped statement.
    /// </summary>
    /// <remarks>
    /// SQLite knows no time zones (its 'localtime' is the server's zone, not Berlin's), so the statement groups into
    /// buckets that never straddle a Berlin month boundary, and C# assigns each bucket to its month. Berlin has been
    /// 1 to 3 whole hours ahead of UTC since 1893, never behind: an instant more than 3 hours before the end of its
    /// UTC month is in the same month in Berlin, and is counted by its UTC month ("2025-03"). Only the last hours of
    /// a UTC month (day 28 from 21:00 on) are counted by the UTC hour ("2025-03-31T22"), which lies wholly in one
    /// Berlin month because offsets and clock changes are whole hours. The result is at most a dozen rows per
    /// month; the statement reads only the index ix_articles_live.
    /// </remarks>
    public async Task<IReadOnlyList<ArchiveMonthCount>> ListArchiveMonthsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var buckets = await connection.QueryAsync<(string Bucket, long Count)>(ArchiveBucketsSql, new { Now = SqliteDates.ToText(now) });

        var counts = new Dictionary<ArchiveMonth, int>();
        foreach (var (bucket, count) in buckets)
        {
            // Months outside the archive's years (a front matter dated 1850) have no address and are left out.
            if (MonthOfBucket(bucket) is { } month)
            {
                counts[month] = counts.GetValueOrDefault(month) + (int)count;
            }
        }

        return counts.OrderByDescending(c => c.Key).Select(c => new ArchiveMonthCount(c.Key, c.Value)).ToList();
    }

    private static ArchiveMonth? MonthOfBucket(string bucket)
    {
        if (bucket.Length == 7)
        {
            var year = int.Parse(bucket[..4], CultureInfo.InvariantCulture);
            var month = int.Parse(bucket[5..7], CultureInfo.InvariantCulture);
            return ArchiveMonth.TryCreate(year, month, out var utcMonth) ? utcMonth : null;
        }

        var hour = DateTimeOffset.ParseExact(bucket, "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return ArchiveMonth.Containing(hour);
    }

    /// <summary>The closest months before and after <paramref name="month"/> that have published articles: two index lookups.</summary>
    public async Task<ArchiveNeighbours> FindArchiveNeighboursAsync(
        ArchiveMonth month, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(string? Before, string? After)>(
            $"""
            SELECT (SELECT max(a.published_at) FROM articles a WHERE {VisibleSql} AND a.published_at < @From),
                   (SELECT min(a.published_at) FROM articles a WHERE {VisibleSql} AND a.published_at >= @To);
            """,
            new { From = SqliteDates.ToText(month.Start), To = SqliteDates.ToText(month.End), Now = SqliteDates.ToText(now) });

        return new ArchiveNeighbours(
            row.Before is null ? null : ArchiveMonth.Containing(SqliteDates.FromText(row.Before)),
            row.After is null ? null : ArchiveMonth.Containing(SqliteDates.FromText(row.After)));
    }

    /// <summary>Every tag that at least one published article carries, with the number of those, in German alphabetical order.</summary>
    public async Task<IReadOnlyList<TagCount>> ListTagsWithArticlesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Name, string Slug, long Count)>(
            """
            SELECT name, slug, visible
            FROM (SELECT t.display_name AS name, t.slug AS slug,
                         -- The live count kept on write, less the few scheduled ones.
                         t.live_articles - (SELECT count(*) FROM article_tags at
                                            WHERE at.tag_id = t.id AND at.is_live = 1 AND at.published_at > @Now) AS visible
                  FROM tags t
                  WHERE t.live_articles > 0)
            WHERE visible > 0;
            """,
            new { Now = SqliteDates.ToText(now) });

        // Sorted here rather than by ORDER BY: SQLite would put "Ärzte" after "Zoll".
        return rows.Select(r => new TagCount(r.Name, r.Slug, (int)r.Count)).OrderBy(t => t.Name, GermanOrder.Names).ToList();
    }
}
