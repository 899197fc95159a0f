using System.Globalization;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>
/// The bound on a search's work (<see cref="SearchResults.RankedHitLimit"/>), on real SQLite files: a word in every
/// article of a few hundred, with the bound lowered so that they exceed it.
/// </summary>
public class SearchBoundTests
{
    private const int Articles = 240;
    private const int Bound = 60;
    private const int PageSize = 10;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<SearchResults> SearchAsync(TestDatabase db, string text, int page, int rankedHitLimit = Bound) =>
        ((SqliteSearchIndex)db.Search).SearchAsync(text, page, PageSize, db.Clock.Now, rankedHitLimit, Token);

    /// <summary>
    /// Meldung 1 … 240 in the order of their ids, all with "Streik" in the body. Every seventh also has it in the title,
    /// so that bm25 has a real order to keep; dates run backwards within each day, so that id and date differ.
    /// </summary>
    private static async Task<TestDatabase> CorpusAsync()
    {
        var db = await TestDatabase.CreateAsync();
        for (var i = 1; i <= Articles; i++)
        {
            var title = i % 7 == 0 ? $"Streik Meldung {i}" : $"Meldung {i}";
            var date = new DateTime(2024, 1, 1, 12, 0, 0).AddDays(i / 3).AddMinutes(-(i % 3));
            await db.SaveAsync(ArticleFile.With(title, date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), "[]",
                body: $"Der Streik geht weiter, Tag {i}."), $"m{i}.md");
        }

        return db;
    }

    private static int Number(SearchHit hit) => int.Parse(hit.Slug.Split('-')[^1], CultureInfo.InvariantCulture);

    private static async Task<List<SearchHit>> AllPagesAsync(TestDatabase db, string text, int rankedHitLimit)
    {
        var hits = new List<SearchHit>();
        for (var page = 1; ; page++)
        {
            var results = await SearchAsync(db, text, page, rankedHitLimit);
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
        await using var db = await CorpusAsync();

        var bounded = await AllPagesAsync(db, "streik", Bound);
        var unbounded = await AllPagesAsync(db, "streik", rankedHitLimit: 10_000);

        // The newest by id, Meldung 181 … 240; the older title matches (7, 14 … 175) are left out.
        Assert.Equal(Enumerable.Range(Articles - Bound + 1, Bound), bounded.Select(Number).Order());
        Assert.Equal(Articles, unbounded.Count);
        Assert.Equal(unbounded.Where(h => Number(h) > Articles - Bound).Select(h => h.Slug), bounded.Select(h => h.Slug));
        Assert.Equal(238, Number(bounded[0]));
        Assert.Contains("<mark>Streik</mark>", bounded[^1].SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreHitsThanTheBound_CountTheBound_SayMore_AndPageThroughItOnly()
    {
        await using var db = await CorpusAsync();

        var first = await SearchAsync(db, "streik", page: 1);
        var last = await SearchAsync(db, "streik", page: Bound / PageSize);
        var beyond = await SearchAsync(db, "streik", page: (Bound / PageSize) + 1);
        var farBeyond = await SearchAsync(db, "streik", page: 1_000_000);

        Assert.Equal((Bound, Bound / PageSize, true), (first.Hits.TotalCount, first.Hits.TotalPages, first.MoreThanTotal));
        Assert.Equal(PageSize, last.Hits.Items.Count);
        Assert.Equal((Bound, true), (last.Hits.TotalCount, last.MoreThanTotal));
        Assert.All(last.Hits.Items, hit => Assert.False(string.IsNullOrEmpty(hit.SnippetHtml)));
        Assert.Empty(beyond.Hits.Items);
        Assert.Equal((Bound, true), (beyond.Hits.TotalCount, beyond.MoreThanTotal));
        Assert.Empty(farBeyond.Hits.Items);
        Assert.Equal((Bound, true), (farBeyond.Hits.TotalCount, farBeyond.MoreThanTotal));
    }

    [Fact]
    public async Task HitsUpToTheBound_AreCountedExactly()
    {
        await using var db = await CorpusAsync();

        var exactly = await SearchAsync(db, "streik", page: 1, rankedHitLimit: Articles);
        var oneMore = await SearchAsync(db, "streik", page: 1, rankedHitLimit: Articles - 1);
        var titles = await SearchAsync(db, "streik meldung", page: 4);

        Assert.Equal((Articles, false), (exactly.Hits.TotalCount, exactly.MoreThanTotal));
        Assert.Equal((Articles - 1, true), (oneMore.Hits.TotalCount, oneMore.MoreThanTotal));
        Assert.Equal((Bound, true), (titles.Hits.TotalCount, titles.MoreThanTotal));
    }

    [Fact]
    public async Task InvisibleArticles_TakeNoPlaceWithinTheBound()
    {
        await using var db = await TestDatabase.CreateAsync();
        for (var i = 1; i <= 5; i++)
        {
            await db.SaveAsync(ArticleFile.With($"Streik {i}", $"2025-01-0{i}", "[]"), $"s{i}.md");
        }

        // Newer ids than all of the visible ones.
        await db.SaveAsync(ArticleFile.With("Streik Entwurf", "2025-02-01", "[]", extra: "draft: true"), "entwurf.md");
        await db.SaveAsync(ArticleFile.With("Streik geplant", "2025-07-01", "[]"), "geplant.md");
        var trashed = await db.SaveAsync(ArticleFile.With("Streik Papierkorb", "2025-02-01", "[]"), "papierkorb.md");
        await db.Articles.SetTrashedAsync(trashed.ArticleId, trashed: true, "redaktion", Token);

        var results = await SearchAsync(db, "streik", page: 1, rankedHitLimit: 5);

        Assert.Equal(["streik-5", "streik-4", "streik-3", "streik-2", "streik-1"], results.Hits.Items.Select(h => h.Slug));
        Assert.Equal((5, false), (results.Hits.TotalCount, results.MoreThanTotal));
    }

    [Fact]
    public async Task Excerpts_AreMadeForTheShownHitsOnly()
    {
        await using var db = await CorpusAsync();
        var statements = new List<string>();

        SearchResults results;
        using (db.Database.ObserveStatements(statements.Add))
        {
            results = await db.Search.SearchAsync("streik", 3, PageSize, db.Clock.Now, Token);
        }

        // The index holds terms; excerpts are cut in C# from the original text of the page's rows, which the statement
        // reads from articles for those rows only. FTS5's stored text (article_search_content) is never read: ranking
        // needs only the doclists and article_search_docsize. (Before the bound, snippet() read it for all 240 hits.)
        var textReads = statements.Count(s => s.Contains("article_search_content", StringComparison.Ordinal));
        Assert.Equal(PageSize, results.Hits.Items.Count);
        Assert.Equal(0, textReads);
        Assert.All(results.Hits.Items, hit => Assert.Contains("<mark>", hit.SnippetHtml, StringComparison.Ordinal));
    }
}
