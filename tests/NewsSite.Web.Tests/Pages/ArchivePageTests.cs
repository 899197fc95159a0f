using System.Net;
using AngleSharp.Dom;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

public class ArchivePageTests(SeededSite site) : IClassFixture<SeededSite>
{
    private static readonly DateTimeOffset NewYear2026 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Article(string title, string date, string extra = "") =>
        $"---\ntitle: \"{title}\"\ndate: {date}\n{extra}\n---\n\nText zu {title}.\n";

    private static IEnumerable<string> Titles(IDocument page) => page.QuerySelectorAll(".teaser h2").Select(h => h.TextContent);

    private static IEnumerable<string> MonthEntries(IDocument page) =>
        page.QuerySelectorAll(".archive-months li").Select(li => $"{li.QuerySelector("a")!.GetAttribute("href")} {li.TextContent.Trim()}");

    [Fact]
    public async Task Archive_ListsEveryMonthNewestFirst_InGermanWithCounts()
    {
        var (response, page) = await site.GetPageAsync("/archiv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Archiv – NewsSite", page.Title);
        Assert.Equal("https://nachrichten.example/archiv", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("2025 10 Artikel", page.QuerySelector(".archive-year h2")!.TextContent.Trim());
        Assert.Equal(
            ["/archiv/2025/03 März 2025 5 Artikel", "/archiv/2025/02 Februar 2025 3 Artikel", "/archiv/2025/01 Januar 2025 2 Artikel"],
            MonthEntries(page));
    }

    [Fact]
    public async Task EveryMonthLinkOfTheArchive_LeadsToAPageWithThatManyArticles()
    {
        var (_, archive) = await site.GetPageAsync("/archiv");

        foreach (var entry in archive.QuerySelectorAll(".archive-months li"))
        {
            var (response, month) = await site.GetPageAsync(entry.QuerySelector("a")!.GetAttribute("href")!);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(entry.QuerySelector(".archive-count")!.TextContent, $"{month.QuerySelectorAll(".teaser").Length} Artikel");
        }
    }

    [Fact]
    public async Task MonthPage_ListsThatMonthsArticlesNewestFirst_WithItsNeighbours()
    {
        var (response, page) = await site.GetPageAsync("/archiv/2025/02");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Archiv: Februar 2025 – NewsSite", page.Title);
        Assert.Equal("Archiv Februar 2025", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("https://nachrichten.example/archiv/2025/02", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(
            ["Russland und Ukraine tauschen erneut Gefangene aus", "NATO-Staaten ringen um höhere Verteidigungsausgaben",
             "Förderanträge für Wärmepumpen deutlich gestiegen"],
            Titles(page));
        Assert.Equal(("/archiv/2025/01", "← Januar 2025"), Link(page, ".archive-nav__previous"));
        Assert.Equal(("/archiv/2025/03", "März 2025 →"), Link(page, ".archive-nav__next"));
        Assert.Equal(("/archiv", "Alle Monate"), Link(page, ".archive-nav__all"));
        Assert.Empty(page.QuerySelectorAll("nav.pagination"));
    }

    [Fact]
    public async Task FirstAndLastMonth_LinkOnlyOneWay()
    {
        var (_, january) = await site.GetPageAsync("/archiv/2025/01");
        var (_, march) = await site.GetPageAsync("/archiv/2025/03");

        Assert.Null(january.QuerySelector(".archive-nav__previous"));
        Assert.Equal("/archiv/2025/02", january.QuerySelector(".archive-nav__next")!.GetAttribute("href"));
        Assert.Equal("/archiv/2025/02", march.QuerySelector(".archive-nav__previous")!.GetAttribute("href"));
        Assert.Null(march.QuerySelector(".archive-nav__next"));
    }

    [Fact]
    public async Task ArticlesAtTheEndOfABerlinMonth_BelongToIt_InSummerAndWinterTime()
    {
        var content = NewsSiteFactory.ContentFolder(
            ("a.md", Article("Spät im März", "2025-03-31T23:30:00")),        // 21:30 UTC, summer time
            ("b.md", Article("Früh im April", "2025-04-01T00:30:00")),       // 31 March, 22:30 UTC
            ("c.md", Article("Spät im Oktober", "2025-10-31T23:30:00")),     // 22:30 UTC, winter time
            ("d.md", Article("Früh im November", "2025-11-01T00:30:00")));   // 31 October, 23:30 UTC
        await using var own = new NewsSiteFactory(content, clock: new TestClock(NewYear2026));

        var (_, archive) = await own.GetPageAsync("/archiv");
        Assert.Equal(
            ["/archiv/2025/11 November 2025 1 Artikel", "/archiv/2025/10 Oktober 2025 1 Artikel",
             "/archiv/2025/04 April 2025 1 Artikel", "/archiv/2025/03 März 2025 1 Artikel"],
            MonthEntries(archive));
        Assert.Equal(["Spät im März"], Titles((await own.GetPageAsync("/archiv/2025/03")).Document));
        Assert.Equal(["Früh im April"], Titles((await own.GetPageAsync("/archiv/2025/04")).Document));
        Assert.Equal(["Spät im Oktober"], Titles((await own.GetPageAsync("/archiv/2025/10")).Document));
        Assert.Equal(["Früh im November"], Titles((await own.GetPageAsync("/archiv/2025/11")).Document));
        Assert.Equal("/archiv/2025/10", (await own.GetPageAsync("/archiv/2025/04")).Document.QuerySelector(".archive-nav__next")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/archiv/2025/00")]
    [InlineData("/archiv/2025/13")]
    [InlineData("/archiv/2025/0")]
    [InlineData("/archiv/2025/003")]
    [InlineData("/archiv/2025/ab")]
    [InlineData("/archiv/2025/-1")]
    [InlineData("/archiv/2025/+3")]
    [InlineData("/archiv/2025/%D9%A3")] // an Arabic-Indic three: a digit, but not ours
    [InlineData("/archiv/1899/12")]
    [InlineData("/archiv/0999/01")]
    [InlineData("/archiv/10000/01")]
    [InlineData("/archiv/25/03")]
    [InlineData("/archiv/abcd/03")]
    [InlineData("/archiv/2025/04")] // a real month without articles
    [InlineData("/archiv/9999/12")]
    [InlineData("/archiv/1900/01")] // the first month there is, but empty
    [InlineData("/archiv/2025/03/extra")]
    public async Task BadOrEmptyMonth_Gets404(string path)
    {
        var (response, page) = await site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nicht gefunden", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/archiv/2025/3", "/archiv/2025/03")]
    [InlineData("/archiv/2025/2?seite=2", "/archiv/2025/02?seite=2")]
    public async Task OneDigitMonth_IsRedirectedPermanentlyToTwoDigits(string path, string target)
    {
        var (response, _) = await site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(target, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/archiv/2025/03?seite=0")]
    [InlineData("/archiv/2025/03?seite=abc")]
    [InlineData("/archiv/2025/03?seite=-1")]
    [InlineData("/archiv/2025/03?seite=99999999999999999999")]
    public async Task InvalidPageNumber_Gets400(string path)
    {
        var (response, _) = await site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task MonthPage_PagesLikeTheTagPage()
    {
        var content = NewsSiteFactory.ContentFolder(
            Enumerable.Range(1, 5).Select(i => ($"{i}.md", Article($"März {i}", $"2025-03-0{i}T10:00:00"))).ToArray());
        await using var own = new NewsSiteFactory(content, pageSize: 2, clock: new TestClock(NewYear2026));

        var (_, first) = await own.GetPageAsync("/archiv/2025/03");
        var (_, explicitFirst) = await own.GetPageAsync("/archiv/2025/03?seite=1");
        var (_, second) = await own.GetPageAsync("/archiv/2025/03?seite=2");
        var (_, third) = await own.GetPageAsync("/archiv/2025/03?seite=3");
        var (beyond, _) = await own.GetPageAsync("/archiv/2025/03?seite=4");

        Assert.Equal(["März 5", "März 4"], Titles(first));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal("/archiv/2025/03?seite=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("https://nachrichten.example/archiv/2025/03", explicitFirst.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(["März 3", "März 2"], Titles(second));
        Assert.Equal("Archiv: März 2025 – Seite 2 – NewsSite", second.Title);
        Assert.Equal("https://nachrichten.example/archiv/2025/03?seite=2", second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("/archiv/2025/03", second.QuerySelector("head link[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/archiv/2025/03?seite=3", second.QuerySelector("head link[rel=next]")!.GetAttribute("href"));
        Assert.Equal("2", second.QuerySelector("nav.pagination [aria-current=page]")!.TextContent);
        Assert.Equal(["März 1"], Titles(third));
        Assert.Null(third.QuerySelector("a[rel=next]"));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Fact]
    public async Task DraftsAndScheduledArticles_AreNotInTheArchive_UntilTheirTime()
    {
        var clock = new TestClock(new DateTimeOffset(2025, 3, 20, 12, 0, 0, TimeSpan.Zero));
        var content = NewsSiteFactory.ContentFolder(
            ("a.md", Article("Sichtbar", "2025-03-01T10:00:00")),
            ("b.md", Article("Entwurf", "2025-03-02T10:00:00", "draft: true")),
            ("c.md", Article("Geplant", "2025-04-02T10:00:00")));
        await using var own = new NewsSiteFactory(content, clock: clock);

        Assert.Equal(["/archiv/2025/03 März 2025 1 Artikel"], MonthEntries((await own.GetPageAsync("/archiv")).Document));
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetPageAsync("/archiv/2025/04")).Response.StatusCode);
        Assert.Null((await own.GetPageAsync("/archiv/2025/03")).Document.QuerySelector(".archive-nav__next"));

        clock.Now = new DateTimeOffset(2025, 4, 2, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(["Geplant"], Titles((await own.GetPageAsync("/archiv/2025/04")).Document));
        Assert.Equal(2, MonthEntries((await own.GetPageAsync("/archiv")).Document).Count());
    }

    [Fact]
    public async Task EmptyArchive_SaysSoInGerman()
    {
        await using var own = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        var (response, page) = await own.GetPageAsync("/archiv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Noch keine Artikel veröffentlicht.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    private static (string? Href, string Text) Link(IDocument page, string selector)
    {
        var link = page.QuerySelector(selector) ?? throw new InvalidOperationException($"Kein {selector} auf der Seite.");
        return (link.GetAttribute("href"), link.TextContent.Trim());
    }
}
