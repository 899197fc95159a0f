using System.Net;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// What a reader (or a scanner) types into the search box reaches FTS5 only as quoted words and SQLite only as a
/// parameter: query syntax, SQL and LIKE metacharacters are searched as text or dropped, never interpreted.
/// Pages/SearchPageTests checks that each such input gets an ordinary page; these check what was searched.
/// </summary>
public class SearchInputTests(SearchInputTests.SearchSite site) : IClassFixture<SearchInputTests.SearchSite>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string title, string date, string body) =>
        $"---\ntitle: \"{title}\"\nauthor: Anna Berger\ndate: {date}\ntags: [Stadt]\n---\n\n{body}\n";

    public sealed class SearchSite() : NewsSiteFactory(ContentFolder(
        ("koeln.md", Article("Köln baut aus", "2025-03-01T10:00:00", "Die Stadtbahn wächst.")),
        ("bonn.md", Article("Bonn feiert", "2025-03-02T10:00:00", "Ein Fest am Rhein."))));

    private static string Search(string text) => "/suche?q=" + Uri.EscapeDataString(text);

    private async Task<string> SummaryAsync(string text)
    {
        var (response, page) = await site.GetPageAsync(Search(text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Suche", page.QuerySelector("h1")!.TextContent);
        return page.QuerySelector(".search-summary")!.TextContent;
    }

    /// <summary>
    /// Each input would find something else, or fail with a syntax error, if it reached FTS5 as a query:
    /// "Köln OR Bonn" would find both, "title:Köln" would search the title column, "Köln)" would not parse.
    /// </summary>
    [Theory]
    [InlineData("Köln OR Bonn", 0)]
    [InlineData("Köln AND Bonn", 0)]
    [InlineData("Köln NOT Bonn", 0)]
    [InlineData("title:Köln", 0)]
    [InlineData("NEAR(Köln Bonn)", 0)]
    [InlineData("NEAR(Köln baut)", 1)]
    [InlineData("^Köln", 1)]
    [InlineData("Köln*", 1)]
    [InlineData("\"Köln", 1)]
    [InlineData("Köln)", 1)]
    [InlineData("(Köln", 1)]
    [InlineData("\"Köln\" \"", 1)]
    [InlineData("{title summary}: Köln", 0)]
    [InlineData("Köln + Bonn", 0)]
    public async Task FtsSyntax_IsSearchedAsWords(string text, int hits)
    {
        var summary = await SummaryAsync(text);

        Assert.Equal(hits == 0 ? $"Keine Treffer für „{text}“." : $"{hits} Treffer für „{text}“", summary);
    }

    [Theory]
    [InlineData("'; DROP TABLE articles;--")]
    [InlineData("' OR '1'='1")]
    [InlineData("\" OR \"\"=\"")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("%Köln%")]
    [InlineData("\\")]
    [InlineData("Köln\\")]
    [InlineData("1; SELECT * FROM users")]
    public async Task SqlMetacharacters_AreNoSql_AndNoWildcards(string text)
    {
        var summary = await SummaryAsync(text);

        // "%" or "_" as LIKE wildcards would match both articles; "%Köln%" and "Köln\\" are the one word "Köln".
        var expected = text.Contains("Köln", StringComparison.Ordinal) ? $"1 Treffer für „{text}“" : $"Keine Treffer für „{text}“.";
        Assert.Equal(expected, summary);
        var (home, page) = await site.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(2, page.QuerySelectorAll(".teaser").Length);
        Assert.Equal("1 Treffer für „Köln“", await SummaryAsync("Köln"));
    }

    public static TheoryData<string> LongQueries => new()
    {
        new string('x', 5000),
        new string('ä', 5000),
        string.Concat(Enumerable.Repeat("Köln ", 1000)),
        string.Concat(Enumerable.Repeat("Öl ", 1667)),
        "Köln " + new string('ü', 4995),
    };

    [Theory]
    [MemberData(nameof(LongQueries))]
    public async Task FiveThousandCharacters_AreCutTo200_AndSaySo(string text)
    {
        Assert.Equal(5000, text.Length, tolerance: 1);
        var (response, page) = await site.GetPageAsync(Search(text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nur mit den ersten 200 Zeichen", page.QuerySelector(".search-note")!.TextContent, StringComparison.Ordinal);
        var searched = page.QuerySelector("main input[name=q]")!.GetAttribute("value")!;
        Assert.InRange(searched.Length, 1, 200);
        Assert.StartsWith(searched, text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Bidirectional controls in the echoed query could reorder the text around it (or in the page title, which has
    /// no &lt;bdi&gt;); they are stripped before the query is searched or shown.
    /// </summary>
    [Theory]
    [InlineData('\u202A')]
    [InlineData('\u202B')]
    [InlineData('\u202C')]
    [InlineData('\u202D')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    public async Task BidiControls_NeverReachTheHtml(char control)
    {
        var text = $"{control}Köln{control} baut{control}";
        var response = await site.SendAsync(Search(text));
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var bidi in "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069")
        {
            Assert.DoesNotContain(bidi.ToString(), html, StringComparison.Ordinal);
            Assert.DoesNotContain($"&#x{(int)bidi:X};", html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("1 Treffer für „Köln baut“", await SummaryAsync(text));
    }
}
