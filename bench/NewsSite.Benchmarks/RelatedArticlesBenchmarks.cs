using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Sqlite;

namespace NewsSite.Benchmarks;

/// <summary>
/// IPublishedArticles.FindRelatedAsync as the article page calls it (five results), including opening a pooled
/// connection, on the large corpus and, when given, the small one. Target: under 1 ms at 100,000 articles.
/// </summary>
[MemoryDiagnoser]
public class RelatedArticlesBenchmarks
{
    private SqlitePublishedArticles _articles = null!;
    private DateTimeOffset _now;
    private long _articleId;

    [ParamsSource(nameof(Databases))]
    public string Corpus { get; set; } = "";

    [Params("common-tags", "median", "rare-tags")]
    public string Article { get; set; } = "";

    public static IEnumerable<string> Databases => BenchDatabases.Configured();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var database = BenchDatabases.Open(Corpus);
        _now = DateTimeOffset.UtcNow;
        _articles = new SqlitePublishedArticles(database);
        var picked = (await BenchDatabases.PickArticlesAsync(database, _now))[Article];
        _articleId = picked.Id;
        var count = await new SqliteArticleStore(database, TimeProvider.System).CountAsync();
        Console.WriteLine($"// {Corpus}: {count} Artikel in {database.FilePath}; {Article} = Artikel {picked.Id}, {picked.Rows} Themenzeilen");

        // Fills the connection pool and SQLite's page cache, as on a running site.
        await _articles.FindRelatedAsync(_articleId, _now);
    }

    [GlobalCleanup]
    public void Cleanup() => SqliteConnection.ClearAllPools();

    [Benchmark]
    public Task<IReadOnlyList<RelatedArticle>> FindRelated() => _articles.FindRelatedAsync(_articleId, _now);
}
