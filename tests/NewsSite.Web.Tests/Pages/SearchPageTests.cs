using System.Net;
using Dapper;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Data;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

public class SearchPageTests(SearchPageTests.SearchSite site) : IClassFixture<SearchPageTests.SearchSite>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string title, string date, string body, string extra = "") =>
        $"---\ntitle: \"{title}\"\nauthor: Anna Berger\ndate: {date}\ntags: [Diplomatie]\n{extra}\n---\n\n{body}\n";

    /// <summary>A few articles of our own, two hits per page.</summary>
    public sealed class SearchSite() : NewsSiteFactory(
        ContentFolder(
            ("genf.md", Article("Diplomaten in Genf", "2025-02-01T10:00:00", "Die Gespräche mit Sacharowa gehen weiter.")),
            ("geheim.md", Article("Geheime Gespräche", "2025-02-02T10:00:00", "Noch nicht fertig.", "draft: true")),
            ("gift.md", Article("Prozess in Bonn", "2025-02-03T10:00:00", "<script>alert(1)</script> Der Giftmischer schweigt.")),
            ("koeln-1.md", Article("Köln baut aus", "2025-03-01T10:00:00", "Eins.")),
            ("koeln-2.md", Article("Köln feiert", "2025-03-02T10:00:00", "Zwei.")),
            ("koeln-3.md", Article("Köln wählt", "2025-03-03T10:00:00", "Drei."))),
        pageSize: 2);

    private static string Search(string text) => "/suche?q=" + Uri.EscapeDataString(text);

    [Fact]
    public async Task WithoutQuery_ShowsTheSearchFormAndAnInvitation()
    {
        var (response, page) = await site.GetPageAsync("/suche");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Suche – NewsSite", page.Title);
        Assert.Equal("Suche", page.QuerySelector("h1")!.TextContent);
        var form = page.QuerySelector("main form[role=search]")!;
        Assert.Equal("/suche", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        var input = form.QuerySelector("input[type=search][name=q]")!;
        Assert.Equal("", input.GetAttribute("value"));
        Assert.Equal("Suchbegriffe", form.QuerySelector($"label[for='{input.Id}']")!.TextContent);
        Assert.Contains("Durchsuchen Sie alle veröffentlichten Artikel", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".search-hit"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/artikel/diplomaten-in-genf")]
    [InlineData("/thema/diplomatie")]
    [InlineData("/gibt-es-nicht")]
    public async Task EveryPage_HasASearchFormInItsHeader_AndStaysIndexable(string path)
    {
        var (_, page) = await site.GetPageAsync(path);

        var form = page.QuerySelector("header.site-header form[role=search]")!;
        Assert.Equal(("/suche", "get"), (form.GetAttribute("action"), form.GetAttribute("method")));
        Assert.Equal("Website durchsuchen", form.GetAttribute("aria-label"));
        var input = form.QuerySelector("input[type=search][name=q]")!;
        Assert.Equal("Suche", form.QuerySelector($"label[for='{input.Id}']")!.TextContent);
        Assert.Null(page.QuerySelector("meta[name=robots]"));
    }

    [Fact]
    public async Task Query_ListsPublishedHitsWithLinkBylineAndMarkedSnippet()
    {
        var (response, page) = await site.GetPageAsync(Search("gesprache"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Suche: gesprache – NewsSite", page.Title);
        Assert.Equal("noindex", page.QuerySelector("head meta[name=robots]")!.GetAttribute("content"));
        Assert.Equal("gesprache", page.QuerySelector("main input[name=q]")!.GetAttribute("value"));
        Assert.Equal("1 Treffer für „gesprache“", page.QuerySelector(".search-summary")!.TextContent);
        Assert.Equal("gesprache", page.QuerySelector(".search-summary bdi")!.TextContent);
        var hit = Assert.Single(page.QuerySelectorAll(".search-hit"));
        var link = hit.QuerySelector("h2 a")!;
        Assert.Equal(("Diplomaten in Genf", "/artikel/diplomaten-in-genf"), (link.TextContent, link.GetAttribute("href")));
        Assert.Equal("/autor/anna-berger", hit.QuerySelector(".byline a.byline__author")!.GetAttribute("href"));
        Assert.Equal("2025-02-01T10:00:00+01:00", hit.QuerySelector(".byline time")!.GetAttribute("datetime"));
        Assert.Equal(["Gespräche"], hit.QuerySelectorAll(".search-hit__snippet mark").Select(m => m.TextContent));
        Assert.Equal("Die Gespräche mit Sacharowa gehen weiter.", hit.QuerySelector(".search-hit__snippet")!.TextContent);
    }

    [Fact]
    public async Task ManyHits_AreCountedAndPagedWithTheQueryInEveryLink()
    {
        var (_, first) = await site.GetPageAsync(Search("Köln"));
        var (_, second) = await site.GetPageAsync("/suche?q=K%C3%B6ln&seite=2");
        var (beyond, _) = await site.GetPageAsync("/suche?q=K%C3%B6ln&seite=3");

        Assert.Equal("3 Treffer für „Köln“", first.QuerySelector(".search-summary")!.TextContent);
        Assert.Equal(["Köln wählt", "Köln feiert"], first.QuerySelectorAll(".search-hit h2").Select(h => h.TextContent));
        Assert.Equal("/suche?q=K%C3%B6ln&seite=2", first.QuerySelector("nav.pagination a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("https://nachrichten.example/suche?q=K%C3%B6ln", first.QuerySelector("head link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(["Köln baut aus"], second.QuerySelectorAll(".search-hit h2").Select(h => h.TextContent));
        Assert.Equal("Suche: Köln – Seite 2 – NewsSite", second.Title);
        Assert.Equal("/suche?q=K%C3%B6ln", second.QuerySelector("nav.pagination a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Theory]
    [InlineData("xyzzy")]
    [InlineData("köln xyzzy")]
    public async Task NoHit_SaysSoWithAHint(string text)
    {
        var (response, page) = await site.GetPageAsync(Search(text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Keine Treffer für „{text}“.", page.QuerySelector(".search-summary")!.TextContent);
        Assert.Contains("alle eingegebenen Wörter", page.QuerySelector(".search-hint")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".search-hit"));
    }

    [Fact]
    public async Task InputWithoutAWord_SaysWhatIsMissing()
    {
        var (_, page) = await site.GetPageAsync(Search("***"));

        Assert.Equal("Keine Treffer für „***“.", page.QuerySelector(".search-summary")!.TextContent);
        Assert.Contains("kein Wort", page.QuerySelector(".search-hint")!.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileInputs => new()
    {
        "",
        "\"",
        "***",
        "NEAR(",
        "col:x",
        "title:Köln",
        "' OR 1=1 --",
        "NEAR(a b)",
        "a AND b",
        "-x",
        "^x",
        "\"unbalanced",
        "🙂",
        "Köln 🙂",
        "\u202EnlöK",
        "\u202E",
        string.Concat(Enumerable.Repeat("Köln ", 1000)),
        new string('x', 5000),
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public async Task HostileInput_GetsAnOrdinarySearchPage(string text)
    {
        var (response, page) = await site.GetPageAsync(Search(text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Suche", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector(".search-summary, .search-intro"));
    }

    [Fact]
    public async Task InputLongerThan200Characters_SearchesTheFirst200AndSaysSo()
    {
        // "xyzzy" lies beyond the first 200 characters; were it searched, there would be no hit.
        var (_, page) = await site.GetPageAsync(Search("gesprache" + new string(' ', 200) + "xyzzy"));

        Assert.Contains("nur mit den ersten 200 Zeichen", page.QuerySelector(".search-note")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("gesprache", page.QuerySelector("main input[name=q]")!.GetAttribute("value"));
        Assert.Single(page.QuerySelectorAll(".search-hit"));
    }

    [Fact]
    public async Task ShortInput_SaysNothingAboutLength()
    {
        var (_, page) = await site.GetPageAsync(Search("gesprache"));

        Assert.Null(page.QuerySelector(".search-note"));
    }

    [Fact]
    public async Task QueryWithMarkup_IsShownAsText()
    {
        const string text = "<script>alert(1)</script><b>fett</b>";
        var response = await site.SendAsync(Search(text));
        var (_, page) = await site.GetPageAsync(Search(text));
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll("script, main b"));
        Assert.Equal($"Keine Treffer für „{text}“.", page.QuerySelector(".search-summary")!.TextContent);
        Assert.Equal(text, page.QuerySelector("main input[name=q]")!.GetAttribute("value"));
        Assert.Equal($"Suche: {text} – NewsSite", page.Title);
        Assert.Contains("„<bdi>&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;fett&lt;/b&gt;</bdi>“", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptTextInAnArticle_ComesOutEscapedInTheSnippet()
    {
        var response = await site.SendAsync(Search("giftmischer"));
        var (_, page) = await site.GetPageAsync(Search("giftmischer"));
        var html = await response.Content.ReadAsStringAsync(Token);

        var snippet = page.QuerySelector(".search-hit__snippet")!;
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Equal(["mark"], snippet.Children.Select(c => c.LocalName));
        Assert.Equal("<script>alert(1)</script> Der Giftmischer schweigt.", snippet.TextContent);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Der <mark>Giftmischer</mark> schweigt.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("99999999999")]
    [InlineData("1.5")]
    public async Task InvalidPageNumber_Gets400(string seite)
    {
        var (response, _) = await site.GetPageAsync($"/suche?q=K%C3%B6ln&seite={seite}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/suche?q=xyzzy&seite=2")]
    [InlineData("/suche?seite=2")]
    public async Task LaterPageOfNothing_IsTheEmptyResultNot404(string path)
    {
        var (response, page) = await site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll(".search-hit"));
    }

    [Fact]
    public async Task QueryGivenTwice_UsesTheFirst()
    {
        var (response, page) = await site.GetPageAsync("/suche?q=gesprache&q=xyzzy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1 Treffer für „gesprache“", page.QuerySelector(".search-summary")!.TextContent);
    }

    [SqliteOnly]
    [Fact]
    public async Task ArticlesOfAnOlderDatabase_AreFoundAfterTheNextStart()
    {
        var data = Repository.NewTempDirectory();
        var content = NewsSiteFactory.ContentFolder(("a.md", Article("Köln baut aus", "2025-03-01T10:00:00", "Die Stadtbahn wächst.")));
        await using (var first = new NewsSiteFactory(content, dataDirectory: data))
        {
            (await first.GetPageAsync("/")).Response.EnsureSuccessStatusCode();
        }

        // What a database of schema version 3 holds: the articles, no search table.
        await using (var connection = await SqliteDatabase.InDirectory(data).OpenAsync(Token))
        {
            await connection.ExecuteAsync(NewsSite.Core.Tests.Support.SchemaDowngrade.ToVersion3Sql);
        }

        await using var second = new NewsSiteFactory(content, dataDirectory: data);
        var (_, page) = await second.GetPageAsync(Search("stadtbahn"));

        Assert.Equal(["Köln baut aus"], page.QuerySelectorAll(".search-hit h2").Select(h => h.TextContent));
    }
}
