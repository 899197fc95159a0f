using System.Globalization;
using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Postgres;
using NewsSite.Core.Tests.Data.Contracts;

namespace NewsSite.Core.Tests.Data;

/// <summary>
/// What the PostgreSQL read models promise beyond the contract suites, as SearchBoundTests and the statement counts
/// check it for SQLite: the search bound (<see cref="SearchResults.RankedHitLimit"/>, lowered here), and one statement
/// for an article page, a feed and a search.
/// </summary>
public sealed class PostgresReadsTests : StoreContract
{
    private const int Articles = 60;
    private const int Bound = 20;
    private const int PageSize = 5;

    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);

    private static Task<SearchResults> SearchAsync(StorageUnderTest s, string text, int page, int rankedHitLimit = Bound) =>
        ((PostgresSearchIndex)s.Storage.Search).SearchAsync(text, page, PageSize, s.Now, rankedHitLimit, Token);

    /// <summary>Meldung 1 … 60 in the order of their ids, all with "Streik" in the body, every seventh in the title too.</summary>
    private async Task<StorageUnderTest> CorpusAsync()
    {
        var s = await CreateStorageAsync();
        for (var i = 1; i <= Articles; i++)
        {
            var title = i % 7 == 0 ? $"Streik Meldung {i}" : $"Meldung {i}";
            var date = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(i / 3).AddMinutes(-(i % 3));
            await s.ImportAsync($"m{i}.md", Article(title, date: Iso(date), tags: "Arbeit", body: $"Der Streik geht weiter, Tag {i}."));
        }

        return s;
    }

    private static int Number(SearchHit hit) => int.Parse(hit.Slug.Split('-')[^1], CultureInfo.InvariantCulture);

    private static async Task<List<SearchHit>> AllPagesAsync(StorageUnderTest s, string text, int rankedHitLimit)
    {
        var hits = new List<SearchHit>();
        for (var page = 1; ; page++)
        {
            var results = await SearchAsync(s, text, page, rankedHitLimit);
            hits.AddRange(results.Hits.Items);
            if (page >= results.Hits.TotalPages)
            {
                return hits;
            }
        }
    }

    [Fact]
    public async Task MoreHitsThanTheBound_RankTheNewestOnly_InTheOrderAFullRankingGivesThem()
    {
        await using var s = await CorpusAsync();

        var bounded = await AllPagesAsync(s, "streik", Bound);
        var unbounded = await AllPagesAsync(s, "streik", rankedHitLimit: 10_000);

        Assert.Equal(Enumerable.Range(Articles - Bound + 1, Bound), bounded.Select(Number).Order());
        Assert.Equal(Articles, unbounded.Count);
        Assert.Equal(unbounded.Where(h => Number(h) > Articles - Bound).Select(h => h.Slug), bounded.Select(h => h.Slug));
        Assert.Equal(56, Number(bounded[0]));
        Assert.Contains("<mark>Streik</mark>", bounded[^1].SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreHitsThanTheBound_CountTheBound_SayMore_AndPageThroughItOnly()
    {
        await using var s = await CorpusAsync();

        var first = await SearchAsync(s, "streik", page: 1);
        var last = await SearchAsync(s, "streik", page: Bound / PageSize);
        var beyond = await SearchAsync(s, "streik", page: (Bound / PageSize) + 1);
        var exactly = await SearchAsync(s, "streik", page: 1, rankedHitLimit: Articles);

        Assert.Equal((Bound, Bound / PageSize, true), (first.Hits.TotalCount, first.Hits.TotalPages, first.MoreThanTotal));
        Assert.Equal(PageSize, last.Hits.Items.Count);
        Assert.Empty(beyond.Hits.Items);
        Assert.Equal((Bound, true), (beyond.Hits.TotalCount, beyond.MoreThanTotal));
        Assert.Equal((Articles, false), (exactly.Hits.TotalCount, exactly.MoreThanTotal));
    }

    [Fact]
    public async Task ArticlePage_Feed_AndSearch_AreOneStatementEach_TheSearchAfterItsPlanSetting()
    {
        await using var s = await CorpusAsync();
        var database = (PostgresDatabase)s.Storage.Database;

        async Task<int> CountAsync(Func<Task> read)
        {
            var seen = new List<string>();
            using (database.ObserveStatements(seen.Add))
            {
                await read();
            }

            return seen.Count;
        }

        Assert.Equal(1, await CountAsync(() => s.Storage.Published.FindPublishedAsync("meldung-5", s.Now, Token)));
        Assert.Equal(1, await CountAsync(() => s.Storage.Listings.ListLatestAsync(ArticleScope.ForTag("arbeit"), 20, s.Now, Token)));
        // The search's one statement, after the setting that has it planned for its values (the next test).
        Assert.Equal(2, await CountAsync(() => s.Storage.Search.SearchAsync("streik", 1, 10, s.Now, Token)));
        Assert.Equal(1, await CountAsync(() => s.Storage.Published.FindRelatedAsync(5, s.Now, 5, Token)));
    }

    /// <summary>
    /// A prepared statement may get one generic plan for all values after five runs; for the search that plan tests
    /// every article from the newest down, which for a rare word on the 100,000-article bench corpus took 440 ms
    /// instead of 4 (docs/performance.md). So the search is planned for its values on every run, by a setting local to
    /// its transaction, and the pooled connection goes back to the server's default afterwards.
    /// </summary>
    [Fact]
    public async Task Search_IsPlannedForItsValuesEveryRun_AndTheSettingStaysInItsTransaction()
    {
        await using var s = await CorpusAsync();
        var database = (PostgresDatabase)s.Storage.Database;

        var seen = new List<string>();
        using (database.ObserveStatements(seen.Add))
        {
            for (var run = 0; run < 7; run++)
            {
                Assert.Equal(Bound, (await SearchAsync(s, "streik", page: 1)).Hits.TotalCount);
            }
        }

        Assert.Equal(14, seen.Count);
        Assert.All(seen.Where((_, i) => i % 2 == 0), statement => Assert.Equal(PostgresDatabase.PlanPerValueSql.TrimEnd(';'), statement.Trim().TrimEnd(';')));
        Assert.All(seen.Where((_, i) => i % 2 == 1), statement => Assert.Contains("article_search", statement, StringComparison.Ordinal));

        Assert.Equal("force_custom_plan", await database.RunPlannedPerValueAsync(
            (connection, transaction) => connection.QuerySingleAsync<string>("SHOW plan_cache_mode;", transaction: transaction), Token));
        for (var read = 0; read < 5; read++)
        {
            // Every connection the pool hands out afterwards: none kept the setting.
            Assert.Equal("auto", await database.RunAsync(connection => connection.QuerySingleAsync<string>("SHOW plan_cache_mode;"), Token));
        }
    }

    [Fact]
    public async Task IndexUnindexed_FillsTheMissingSearchRows_OnceAndNoMore()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Hochwasser am Rhein", tags: "Wetter"));
        await s.ImportAsync("b.md", Article("Pegel steigt", body: "Das Hochwasser kommt."));
        var database = (PostgresDatabase)s.Storage.Database;
        await database.RunAsync(connection => connection.ExecuteAsync("DELETE FROM article_search;"), Token);

        Assert.Equal(0, (await s.Storage.Search.SearchAsync("hochwasser", 1, 10, s.Now, Token)).Hits.TotalCount);
        Assert.Equal(2, await s.Storage.Search.IndexUnindexedArticlesAsync(Token));
        Assert.Equal(0, await s.Storage.Search.IndexUnindexedArticlesAsync(Token));
        Assert.Equal(["hochwasser-am-rhein", "pegel-steigt"],
            (await s.Storage.Search.SearchAsync("hochwasser", 1, 10, s.Now, Token)).Hits.Items.Select(h => h.Slug));
        Assert.Single((await s.Storage.Search.SearchAsync("wetter", 1, 10, s.Now, Token)).Hits.Items);
    }
}
