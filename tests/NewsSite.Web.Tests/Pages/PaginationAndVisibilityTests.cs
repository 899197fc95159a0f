using System.Net;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

public class PaginationAndVisibilityTests
{
    private static string Article(string title, string date, string tags, string extra = "") =>
        $"---\ntitle: \"{title}\"\nauthor: Redaktion\ndate: {date}\ntags: {tags}\n{extra}\n---\n\nText zu {title}.\n";

    [Fact]
    public async Task HomePage_PagesThroughAllArticlesWithPrevAndNextLinks()
    {
        var content = NewsSiteFactory.ContentFolder(
            Enumerable.Range(1, 7).Select(i => ($"{i}.md", Article($"Meldung {i}", $"2025-01-0{i}T10:00:00", "[Chronik]"))).ToArray());
        await using var site = new NewsSiteFactory(content, pageSize: 3);

        var (_, first) = await site.GetPageAsync("/");
        var (_, second) = await site.GetPageAsync("/?seite=2");
        var (_, third) = await site.GetPageAsync("/?seite=3");
        var (beyond, _) = await site.GetPageAsync("/?seite=4");

        Assert.Equal(["Meldung 7", "Meldung 6", "Meldung 5"], first.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal("/?seite=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(["Meldung 4", "Meldung 3", "Meldung 2"], second.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
        Assert.Equal("/", second.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/?seite=3", second.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(["1", "2", "3"], second.QuerySelectorAll("nav.pagination .pagination__page").Select(a => a.TextContent));
        Assert.Equal("2", second.QuerySelector("nav.pagination [aria-current=page]")!.TextContent);
        Assert.Equal("/", second.QuerySelector("head link[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/?seite=3", second.QuerySelector("head link[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("head link[rel=prev]"));
        Assert.Equal(["Meldung 1"], third.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));

        // The lead story (the list's first item set across the page) only opens page 1; later pages continue the grid.
        Assert.NotNull(first.QuerySelector("ol.teasers.teasers--lead"));
        Assert.Null(second.QuerySelector("ol.teasers--lead"));
        Assert.Null(third.QuerySelector("ol.teasers--lead"));
        Assert.Null(third.QuerySelector("a[rel=next]"));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Theory]
    [InlineData(1, "1 2 3 … 13")]
    [InlineData(4, "1 2 3 4 5 6 … 13")]
    [InlineData(7, "1 … 5 6 7 8 9 … 13")]
    [InlineData(13, "1 … 11 12 13")]
    public async Task LongListing_ShowsNeighbouringPageNumbersWithGaps(int page, string expected)
    {
        var content = NewsSiteFactory.ContentFolder(
            Enumerable.Range(1, 26).Select(i => ($"{i}.md", Article($"Meldung {i}", $"2025-01-{i:00}T10:00:00", "[Chronik]"))).ToArray());
        await using var site = new NewsSiteFactory(content, pageSize: 2);

        var (_, html) = await site.GetPageAsync(page == 1 ? "/thema/chronik" : $"/thema/chronik?seite={page}");

        var items = html.QuerySelectorAll("nav.pagination .pagination__pages li").Select(li => li.TextContent.Trim());
        Assert.Equal(expected, string.Join(' ', items));
        Assert.Equal(page.ToString(System.Globalization.CultureInfo.InvariantCulture), html.QuerySelector("nav.pagination [aria-current=page]")!.TextContent);
        var links = html.QuerySelectorAll("nav.pagination a.pagination__page").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("/thema/chronik", links["1"]);
        Assert.Equal("/thema/chronik?seite=13", links["13"]);
    }

    [Fact]
    public async Task DraftsAndFutureArticles_AppearNowhere()
    {
        var clock = new TestClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var content = NewsSiteFactory.ContentFolder(
            ("sichtbar.md", Article("Sichtbar", "2025-05-01T10:00:00", "[Köln]")),
            ("entwurf.md", Article("Entwurf", "2025-05-02T10:00:00", "[Köln]", "draft: true")),
            ("zukunft.md", Article("Zukunft", "2025-07-01T10:00:00", "[Köln]")));
        await using var site = new NewsSiteFactory(content, clock: clock);

        var (_, home) = await site.GetPageAsync("/");
        var (_, tag) = await site.GetPageAsync("/thema/koeln");
        var (_, article) = await site.GetPageAsync("/artikel/sichtbar");
        var (draft, _) = await site.GetPageAsync("/artikel/entwurf");
        var (future, _) = await site.GetPageAsync("/artikel/zukunft");

        Assert.Equal(["Sichtbar"], home.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
        Assert.Equal(["Sichtbar"], tag.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
        Assert.Null(article.QuerySelector("section.related"));
        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, future.StatusCode);

        // Once its time has come, the scheduled article is everywhere without any further write.
        clock.Now = new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.Zero);
        var (_, laterHome) = await site.GetPageAsync("/");
        var (_, laterArticle) = await site.GetPageAsync("/artikel/sichtbar");
        Assert.Equal(["Zukunft", "Sichtbar"], laterHome.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
        Assert.Equal("/artikel/zukunft", laterArticle.QuerySelector("section.related a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task UpdatedArticle_SaysWhenInTheByline()
    {
        var content = NewsSiteFactory.ContentFolder(
            ("neu.md", Article("Nachgetragen", "2025-03-01T10:00:00", "[]", "updated: 2025-03-02T08:15:00")),
            ("alt.md", Article("Unverändert", "2025-03-01T10:00:00", "[]")));
        await using var site = new NewsSiteFactory(content);

        var (_, updated) = await site.GetPageAsync("/artikel/nachgetragen");
        var (_, unchanged) = await site.GetPageAsync("/artikel/unveraendert");

        var times = updated.QuerySelectorAll("article header .byline time");
        Assert.Equal(["2025-03-01T10:00:00+01:00", "2025-03-02T08:15:00+01:00"], times.Select(t => t.GetAttribute("datetime")));
        Assert.Contains("Aktualisiert am 2. März 2025", updated.QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Aktualisiert", unchanged.QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptySite_SaysSoInGerman()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        var (response, page) = await site.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Noch keine Artikel veröffentlicht.", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkdownWithScriptsOrHandlers_ReachesThePageInert()
    {
        var content = NewsSiteFactory.ContentFolder(("boese.md", """
            ---
            title: "<script>alert('titel')</script>"
            slug: boese
            tags: ["<b>fett</b>"]
            ---

            <script>alert(1)</script>

            [Klick](javascript:alert(2)) und ![Bild](data:image/svg+xml,<svg onload=alert(3)>)

            ## Zwischentitel {onclick=alert(4)}
            """));
        await using var site = new NewsSiteFactory(content);

        var (response, page) = await site.GetPageAsync("/artikel/boese");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The one script element is the JSON-LD data block of the head, which browsers never run.
        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json']), b"));
        Assert.Equal("<script>alert('titel')</script>", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Empty(page.QuerySelectorAll("a[href^='javascript'], img[src^='data']"));
        Assert.Equal("<b>fett</b>", page.QuerySelector("a[rel=tag]")!.TextContent);
    }
}
