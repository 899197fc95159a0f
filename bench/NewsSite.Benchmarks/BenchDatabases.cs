using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Data.Sqlite;

namespace NewsSite.Benchmarks;

/// <summary>The databases the related-articles benchmark runs against, named by environment variables.</summary>
public static class BenchDatabases
{
    public const string LargeVariable = "NEWSSITE_BENCH_DATA";
    public const string SmallVariable = "NEWSSITE_BENCH_DATA_SMALL";

    /// <summary>
    /// Labels of the configured databases with their article counts, "large-100000" and "small-1000", so that the
    /// summary table says what was measured.
    /// </summary>
    public static IReadOnlyList<string> Configured()
    {
        var labels = new List<string>();
        foreach (var kind in new[] { "large", "small" })
        {
            if (PathOf(kind) is not null)
            {
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                {
                    DataSource = FileOf(kind),
                    Mode = SqliteOpenMode.ReadOnly,
                }.ToString());
                connection.Open();
                labels.Add($"{kind}-{connection.ExecuteScalar<long>("SELECT count(*) FROM articles;")}");
            }
        }

        SqliteConnection.ClearAllPools();
        return labels;
    }

    public static SqliteDatabase Open(string label) => new(FileOf(label.Split('-')[0]));

    private static string FileOf(string kind)
    {
        var path = PathOf(kind) ?? throw new InvalidOperationException($"Keine Datenbank für „{kind}“ angegeben.");
        var file = Directory.Exists(path) ? Path.Combine(path, SqliteDatabase.FileName) : path;
        return File.Exists(file) ? file : throw new FileNotFoundException($"Die Datenbank {file} gibt es nicht.", file);
    }

    /// <summary>
    /// Three articles by how many rows their related-articles query has to visit: the sum, over the article's tags,
    /// of how many published articles carry each tag. The heaviest one carries the most common tags, the lightest
    /// only rare ones, and the median is the typical case.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, (long Id, long Rows)>> PickArticlesAsync(SqliteDatabase database, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var loads = (await connection.QueryAsync<(long Id, long Rows)>(
            """
            WITH published AS (
                SELECT id FROM articles WHERE is_draft = 0 AND trashed_at IS NULL AND published_at <= @Now
            ),
            df AS (
                SELECT at.tag_id, count(*) AS n FROM article_tags at JOIN published p ON p.id = at.article_id GROUP BY at.tag_id
            )
            SELECT at.article_id AS Id, sum(df.n) AS Rows
            FROM article_tags at
            JOIN published p ON p.id = at.article_id
            JOIN df ON df.tag_id = at.tag_id
            GROUP BY at.article_id
            ORDER BY Rows, at.article_id;
            """,
            new { Now = SqliteDates.ToText(now) })).ToList();

        if (loads.Count == 0)
        {
            throw new InvalidOperationException($"{database.FilePath} enthält keine veröffentlichten Artikel mit Themen.");
        }

        return new Dictionary<string, (long, long)>(StringComparer.Ordinal)
        {
            ["common-tags"] = loads[^1],
            ["median"] = loads[loads.Count / 2],
            ["rare-tags"] = loads[0],
        };
    }

    private static string? PathOf(string kind) =>
        Environment.GetEnvironmentVariable(kind == "large" ? LargeVariable : SmallVariable) is { Length: > 0 } path ? path : null;
}
