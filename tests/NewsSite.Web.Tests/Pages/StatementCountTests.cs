using System.Globalization;
using System.Net;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

/// <summary>
/// The N+1 guard: every public page and feed runs the same number of SQL statements whether it shows two articles or
/// a full page of them, each with its own tags and authors. A page that looked something up per article would run
/// more on the bigger site. The output cache is off, so that every request reaches the database.
/// </summary>
public class StatementCountTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Paths =>
    [
        "/", "/?seite=1", "/thema/koeln", "/autor/erika-muster", "/archiv", "/archiv/2025/05", "/themen", "/suche?q=absatz",
        "/artikel/artikel-1", "/rss.xml", "/atom.xml", "/feed.json", "/thema/koeln/rss.xml", "/autor/erika-muster/atom.xml",
        "/sitemap.xml", "/sitemaps/artikel-1.xml", "/sitemaps/seiten-1.xml", "/sitemap-news.xml",
    ];

    /// <summary>
    /// Articles 1..count, all tagged Köln (so the tag's listing holds them all), by two authors in turn, each also with
    /// a tag and a co-tag of its own, so that a query per article would differ in its parameters; published one a day in May, the last two within the news sitemap's 48 hours.
    /// </summary>
    private static NewsSiteFactory Site(int count) => new(
        NewsSiteFactory.ContentFolder(Enumerable.Range(1, count).Select(i => (
            $"artikel-{i}.md",
            string.Create(CultureInfo.InvariantCulture, $"""
                ---
                title: Artikel {i}
                slug: artikel-{i}
                author: {(i % 2 == 1 ? "Erika Muster" : "Max Weber")}
                tags: [Köln, Thema {i}, Bereich {i % 3}]
                date: {Now.AddDays(-count + i - 1):yyyy-MM-ddTHH:mm:ss}Z
                ---

                Ein Absatz über Artikel {i}.
                """))).ToArray()),
        pageSize: 10,
        clock: new TestClock(Now))
    {
        Settings = new Dictionary<string, string?> { ["NewsSite:OutputCacheEnabled"] = "false" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Page_RunsAsManyStatementsForAFullPageAsForThreeArticles(string path)
    {
        // Three, not two: with fewer than three hits a search also looks for "Meinten Sie …?", which a full page does not.
        await using var small = Site(3);
        await using var full = Site(12);

        var (smallResponse, smallPage, fewTraced) = await small.GetPageCountingStatementsAsync(path);
        var (fullResponse, fullPage, manyTraced) = await full.GetPageCountingStatementsAsync(path);

        // Distinct texts (the trace shows each statement with its parameters filled in, so a query per article would
        // still count once per article): SQLite may run one statement twice when it has to prepare it again.
        var fewStatements = fewTraced.Distinct(StringComparer.Ordinal).ToList();
        var manyStatements = manyTraced.Distinct(StringComparer.Ordinal).ToList();

        Assert.Equal(HttpStatusCode.OK, smallResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fullResponse.StatusCode);

        // The bigger site really shows more (the sitemap index names one part either way): otherwise equal counts
        // would prove nothing.
        if (path != "/sitemap.xml")
        {
            Assert.True(fullPage.DocumentElement.OuterHtml.Length > smallPage.DocumentElement.OuterHtml.Length, path);
        }

        Assert.True(
            fewStatements.Count == manyStatements.Count,
            $"{path}: {fewStatements.Count} statements for 3 articles, {manyStatements.Count} for a full page:\n"
            + string.Join("\n", manyStatements) + "\n\nfor 3 articles:\n" + string.Join("\n", fewStatements));
        // At most 6 for the page itself, and 2 that the layout reads once per content version and then keeps: the
        // Ressort navigation and the fixed pages of the footer (this is each site's first page, so they are read here).
        Assert.True(manyStatements.Count is >= 1 and <= 8, $"{path}: {manyStatements.Count} statements:\n" + string.Join("\n---\n", manyStatements));
    }
}
