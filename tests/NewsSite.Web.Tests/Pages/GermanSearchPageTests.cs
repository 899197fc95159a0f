using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

/// <summary>
/// Search as German readers type: spellings without umlauts or ß, other inflections, typos ("Meinten Sie …?"), excerpts
/// that keep headings apart from the text after them; and the admin's article search with the same rules.
/// </summary>
public class GermanSearchPageTests(GermanSearchPageTests.GermanSite site) : IClassFixture<GermanSearchPageTests.GermanSite>
{
    private const string KoelnSlug = "koeln-baut-stadtbahnnetz-bis-2030-deutlich-aus";
    private const string GefangeneSlug = "russland-und-ukraine-tauschen-erneut-gefangene-aus";

    private static string Article(string title, string body, string extra = "", string date = "2025-02-01T10:00:00") =>
        $"---\ntitle: \"{title}\"\nauthor: Anna Berger\ndate: {date}\ntags: [Verkehr]\n{extra}\n---\n\n{body}\n";

    /// <summary>Two of the repository's sample articles as they are, and articles of our own for what they lack.</summary>
    public sealed class GermanSite() : NewsSiteFactory(ContentFolder(
        ("ressorts.yml", File.ReadAllText(Path.Combine(Repository.ContentDirectory, "ressorts.yml"))),
        ($"{KoelnSlug}.md", File.ReadAllText(Path.Combine(Repository.ContentDirectory, $"{KoelnSlug}.md"))),
        ($"{GefangeneSlug}.md", File.ReadAllText(Path.Combine(Repository.ContentDirectory, $"{GefangeneSlug}.md"))),
        ("strasse.md", Article("Die Straße am Dom wird gesperrt", "Ab Montag fahren keine Autos.")),
        ("umleitung.md", Article("Umleitung über die Hauptstrasse", "Die Strasse bleibt offen.")),
        ("gefangener.md", Article("Ein Gefangener kommt frei", "Nach zehn Jahren.")),
        ("entwurf.md", Article("Geheimprojekt Zugspitzbahn", "Pläne für eine Seilbahn.", "draft: true")),
        ("geplant.md", Article("Zeppelinwerft eröffnet", "Bald.", date: "2099-01-01T10:00:00"))));

    private static string Search(string text) => "/suche?q=" + Uri.EscapeDataString(text);

    private async Task<List<string>> FoundAsync(string text) =>
        [.. (await site.GetPageAsync(Search(text))).Document.QuerySelectorAll(".search-hit h2 a").Select(a => a.GetAttribute("href")!)];

    [Theory]
    [InlineData("koeln")]
    [InlineData("Köln")]
    [InlineData("KOELN Stadtbahnnetz")]
    public async Task Koeln_AndKoeln_FindTheKoelnArticle(string text) =>
        Assert.Contains($"/artikel/{KoelnSlug}", await FoundAsync(text));

    [Theory]
    [InlineData("strasse")]
    [InlineData("Straße")]
    public async Task Strasse_AndStrasse_FindEachOther(string text) =>
        Assert.Equal(
            ["/artikel/die-strasse-am-dom-wird-gesperrt", "/artikel/umleitung-ueber-die-hauptstrasse"],
            (await FoundAsync(text)).Order());

    [Theory]
    [InlineData("Gefangener")]
    [InlineData("Gefangene")]
    public async Task Gefangener_AndGefangene_FindEachOther(string text) =>
        Assert.Equal(
            ["/artikel/ein-gefangener-kommt-frei", $"/artikel/{GefangeneSlug}"],
            (await FoundAsync(text)).Order());

    [Fact]
    public async Task Hit_MarksTheWordAsTheArticleWritesIt()
    {
        var (_, page) = await site.GetPageAsync(Search("koeln"));

        var hit = page.QuerySelectorAll(".search-hit").Single(h => h.QuerySelector("h2 a")!.GetAttribute("href") == $"/artikel/{KoelnSlug}");
        Assert.Equal("Köln", hit.QuerySelector(".search-hit__snippet mark")!.TextContent);
    }

    [Fact]
    public async Task Typo_GetsMeintenSie_LinkingToTheCorrectedSearch()
    {
        var (_, page) = await site.GetPageAsync(Search("Ukriane"));

        var suggestion = page.QuerySelector("main .search-suggestion")!;
        Assert.Equal("Meinten Sie: Ukraine?", suggestion.TextContent);
        var link = suggestion.QuerySelector("a")!;
        Assert.Equal("/suche?q=Ukraine", link.GetAttribute("href"));
        Assert.Contains($"/artikel/{GefangeneSlug}", await FoundAsync("Ukraine"));
        Assert.Null((await site.GetPageAsync(link.GetAttribute("href")!)).Document.QuerySelector(".search-suggestion"));
    }

    [Fact]
    public async Task Typo_InOneOfTwoWords_KeepsTheOtherAsTyped()
    {
        var (_, page) = await site.GetPageAsync(Search("Ukriane Gefangene"));

        Assert.Equal("/suche?q=Ukraine%20Gefangene", page.QuerySelector(".search-suggestion a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("Geheimprojeckt")]
    [InlineData("Zugspitzbhan")]
    [InlineData("Zeppelinwerfft")]
    public async Task Suggestions_NeverComeFromDraftsOrScheduledArticles(string text)
    {
        var (_, page) = await site.GetPageAsync(Search(text));

        Assert.Empty(page.QuerySelectorAll(".search-hit"));
        Assert.Null(page.QuerySelector(".search-suggestion"));
    }

    [Fact]
    public async Task ManyHits_GetNoSuggestion()
    {
        var (_, page) = await site.GetPageAsync(Search("Stadt"));

        Assert.NotEmpty(page.QuerySelectorAll(".search-hit"));
        Assert.Null(page.QuerySelector(".search-suggestion"));
    }

    [Fact]
    public async Task Excerpt_KeepsAHeadingApartFromTheSentenceAfterIt()
    {
        var (_, page) = await site.GetPageAsync(Search("wachsenden Stadtteilen"));

        var snippet = page.QuerySelector(".search-hit__snippet")!.TextContent;
        Assert.StartsWith("Neue Strecken in wachsenden Stadtteilen – Schwerpunkt des Plans", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("Stadtteilen Schwerpunkt", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("bringen", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Excerpt_OfAMatchAfterAHeading_BeginsWithItsParagraph()
    {
        var (_, page) = await site.GetPageAsync(Search("Schwerpunkt"));

        Assert.StartsWith("Schwerpunkt des Plans sind Stadtteile", page.QuerySelector(".search-hit__snippet")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Neubaugebiete", "Köln baut Stadtbahnnetz bis 2030 deutlich aus")]
    [InlineData("koeln Rahmenplan", "Köln baut Stadtbahnnetz bis 2030 deutlich aus")]
    [InlineData("Köln Rahmenplan", "Köln baut Stadtbahnnetz bis 2030 deutlich aus")]
    [InlineData("Seilbahnen", "Geheimprojekt Zugspitzbahn")]
    [InlineData("Gefangener", "Russland und Ukraine tauschen erneut Gefangene aus")]
    public async Task AdminSearch_FindsWordsOfTheBody_AsTheSearchSpellsThem(string text, string title)
    {
        using var editor = await AdminClient.LoginAsync(site);

        var (_, page) = await editor.GetAsync("/admin?q=" + Uri.EscapeDataString(text));

        Assert.Contains(title, page.QuerySelectorAll(".admin-table tbody td:first-child a").Select(a => a.TextContent));
    }
}
