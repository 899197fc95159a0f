using System.Globalization;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>
/// The work of a search does not grow with the page asked for: counted in SQLite's virtual machine instructions
/// (<see cref="SqliteDatabase.MeasureWork"/>), FTS5's own reads of its tables included, not by the clock. The words
/// are several one-letter ones in every article, the kind the issue found slowest (one-letter terms are whole words
/// since, see <see cref="SearchQuery.ToMatchExpression"/>).
/// </summary>
public class SearchWorkTests
{
    private const int Articles = 300;
    private const int Bound = 100;
    private const int PageSize = 10;
    private const string CommonLetters = "a e i s";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<TestDatabase> CorpusAsync()
    {
        var db = await TestDatabase.CreateAsync();
        for (var i = 1; i <= Articles; i++)
        {
            var date = new DateTime(2024, 1, 1, 12, 0, 0).AddHours(i).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
            var body = string.Join(' ', Enumerable.Range(0, 40).Select(n => $"a e i s a{n % 7} e{n % 5} s{n % 3} Satz {i} Wort{n}")) + ".";
            await db.SaveAsync(ArticleFile.With($"Meldung {i}", date, "[]", body), $"m{i}.md");
        }

        return db;
    }

    /// <returns>
    /// The virtual machine instructions, and the rows whose stored text FTS5 read through its own statement on
    /// article_search_content, work in C that the instruction count does not see. snippet() did that; since the index
    /// holds terms, excerpts are cut in C# from the original text of the page's rows only, and nothing reads it.
    /// </returns>
    private static async Task<(long Instructions, int TextReads, SearchResults Results)> MeasuredAsync(
        TestDatabase db, int page, int rankedHitLimit = Bound)
    {
        var index = (SqliteSearchIndex)db.Search;

        // Once unmeasured, so that preparing the statement is not part of it.
        await index.SearchAsync(CommonLetters, page, PageSize, db.Clock.Now, rankedHitLimit, Token);
        var statements = new List<string>();
        using var observation = db.Database.ObserveStatements(statements.Add);
        using var meter = db.Database.MeasureWork();
        var results = await index.SearchAsync(CommonLetters, page, PageSize, db.Clock.Now, rankedHitLimit, Token);
        return (meter.Instructions, statements.Count(s => s.Contains("article_search_content", StringComparison.Ordinal)), results);
    }

    [Fact]
    public async Task ALatePage_AndPagesPastTheEnd_CostNoMoreThanTheFirst()
    {
        await using var db = await CorpusAsync();

        var first = await MeasuredAsync(db, page: 1);
        var last = await MeasuredAsync(db, page: Bound / PageSize);
        var past = await MeasuredAsync(db, page: (Bound / PageSize) + 1);
        var farPast = await MeasuredAsync(db, page: 1_000_000);

        Assert.Equal((PageSize, Bound, true), (last.Results.Hits.Items.Count, last.Results.Hits.TotalCount, last.Results.MoreThanTotal));
        Assert.Empty(farPast.Results.Hits.Items);

        // Before the bound every one of these pages read the text of all 300 hits (the first page 99), since SQLite's
        // sorter computes the excerpt columns of every row it sorts; and it ranked all 300 for every page. With the
        // bound snippet() read the shown hits' text (at most 10); now excerpts come from articles' own rows in C#.
        Assert.Equal(0, first.TextReads);
        Assert.Equal(0, last.TextReads);
        Assert.Equal(0, past.TextReads);
        Assert.Equal(0, farPast.TextReads);
        Assert.InRange(last.Instructions, 1, first.Instructions * 5 / 4);
        Assert.InRange(past.Instructions, 1, first.Instructions);
        Assert.InRange(farPast.Instructions, 1, first.Instructions);
    }
}
