using System.Net;
using AngleSharp.Dom;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

public class ArticlePageTests(SeededSite site) : IClassFixture<SeededSite>
{
    private static IEnumerable<string> TagNames(IDocument page) =>
        page.QuerySelectorAll("a[rel~=tag]").Select(a => a.TextContent.Trim());

    [Fact]
    public async Task SeedArticle_HasExactlyOneH1WithItsTitle()
    {
        var (response, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var h1 = Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal("Kreml lehnt internationale Truppen in Ukraine strikt ab", h1.TextContent.Trim());
        Assert.Equal("Kreml lehnt internationale Truppen in Ukraine strikt ab – NewsSite", page.Title);
    }

    [Fact]
    public async Task SeedArticle_HasItsThreeSubheadingsAsH2WithIds()
    {
        var (_, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        var headings = page.QuerySelectorAll(".article__body h2").Select(h => (h.Id, h.TextContent.Trim())).ToList();

        Assert.Equal(
            [
                ("moskau-sieht-in-us-waffenstillstand-eine-taktik-fuer-kiew", "Moskau sieht in US-Waffenstillstand eine Taktik für Kiew"),
                ("geheime-gespraeche-zwischen-moskau-und-washington", "Geheime Gespräche zwischen Moskau und Washington"),
                ("wie-geht-es-in-der-ukraine-weiter", "Wie geht es in der Ukraine weiter?"),
            ],
            headings);
    }

    [Fact]
    public async Task SeedArticle_HasATableOfContentsLinkingEachSubheading()
    {
        var (_, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        var contents = page.QuerySelector("nav.toc");
        Assert.NotNull(contents);
        Assert.Equal("Inhalt", page.GetElementById(contents.GetAttribute("aria-labelledby")!)!.TextContent.Trim());
        var links = contents.QuerySelectorAll("a").Select(a => (a.GetAttribute("href") ?? "", a.TextContent.Trim())).ToList();
        var headings = page.QuerySelectorAll(".article__body h2").Select(h => ("#" + h.Id, h.TextContent.Trim())).ToList();
        Assert.Equal(headings, links);
        Assert.Equal(3, links.Count);
    }

    [Fact]
    public async Task SeedArticle_StatesItsReadingTime()
    {
        var (_, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        var words = page.QuerySelector(".article__body")!.TextContent
            .Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));
        var expectedMinutes = Math.Max(1, (int)Math.Ceiling(words / 200.0));

        Assert.Equal($"{expectedMinutes} Min. Lesezeit", page.QuerySelector(".article__reading-time")!.TextContent.Trim());
        Assert.InRange(expectedMinutes, 2, 10);
    }

    [Fact]
    public async Task SeedArticle_BodyHoldsTheTextWithoutTheScrapedPageChrome()
    {
        var (_, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        var body = page.QuerySelector(".article__body")!;
        Assert.StartsWith("Russland hat den von den USA vorgeschlagenen Waffenstillstand abgelehnt", body.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("„Es ist für uns absolut inakzeptabel", body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Verwandte Artikel", body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("administrator", body.TextContent, StringComparison.Ordinal);
        Assert.Equal(7, body.QuerySelectorAll("p").Length); // the lead, then two under each subheading
    }

    [Fact]
    public async Task SeedArticle_BylineNamesTheAuthorAndTheGermanDateWithTime()
    {
        var (_, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        var byline = page.QuerySelector("article header .byline")!;
        Assert.Equal("administrator", byline.QuerySelector(".byline__author")!.TextContent);
        Assert.StartsWith("Von administrator", byline.TextContent.Trim(), StringComparison.Ordinal);
        var time = byline.QuerySelector("time")!;
        Assert.Equal("2025-03-14T09:30:00+01:00", time.GetAttribute("datetime"));
        Assert.Equal("14. März 2025, 09:30 Uhr", time.TextContent);
        Assert.Contains("Veröffentlicht am 14. März 2025, 09:30 Uhr", byline.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedArticle_TagsAreLinksMarkedRelTag()
    {
        var (_, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        var links = page.QuerySelectorAll("a[rel~=tag]");
        Assert.Equal(["Russland", "Ukraine", "USA", "Waffenstillstand", "Diplomatie"], links.Select(a => a.TextContent));
        Assert.Equal("/thema/russland", links[0].GetAttribute("href"));
    }

    [Fact]
    public async Task SeedArticle_EveryRelatedArticleSharesATag()
    {
        var (_, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");
        var seedTags = TagNames(page).ToHashSet();

        var section = page.QuerySelector("section.related")!;
        Assert.Equal("Verwandte Artikel", section.QuerySelector("h2")!.TextContent);
        var links = section.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.InRange(links.Count, 1, 5);
        Assert.DoesNotContain($"/artikel/{SeededSite.SeedSlug}", links);
        foreach (var link in links)
        {
            var (response, related) = await site.GetPageAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(TagNames(related).Any(seedTags.Contains), $"{link} teilt kein Tag mit dem Seed-Artikel");
        }
    }

    [Fact]
    public async Task SeedArticle_RelatedArticlesAreRankedBySharedTags()
    {
        var (_, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        var first = page.QuerySelector("section.related a")!;

        // The prisoner exchange shares Russland, Ukraine and Diplomatie: more than any other article.
        Assert.Equal("/artikel/russland-und-ukraine-tauschen-erneut-gefangene-aus", first.GetAttribute("href"));
    }

    [Fact]
    public async Task ArticleSharingNoTag_HasNoRelatedSection()
    {
        var (response, page) = await site.GetPageAsync($"/artikel/{SeededSite.LonerSlug}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("section.related"));
        Assert.DoesNotContain("Verwandte Artikel", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArticlePage_IsSemanticHtml()
    {
        var (response, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        foreach (var landmark in new[] { "body > header", "header nav", "body > main", "main article", "body > footer" })
        {
            Assert.NotNull(page.QuerySelector(landmark));
        }
    }

    [Fact]
    public async Task ArticlePage_LoadsNothingFromOtherHosts()
    {
        var (_, page) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        // The canonical link names the page's public address; browsers load nothing from it.
        var resources = page.QuerySelectorAll("link[href]:not([rel=canonical]), script[src], img[src], iframe[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .ToList();

        Assert.NotEmpty(resources);
        Assert.All(resources, url => Assert.StartsWith("/", url, StringComparison.Ordinal));
        Assert.All(resources, url => Assert.False(url.StartsWith("//", StringComparison.Ordinal), url));
        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json'])"));
    }

    [Theory]
    [InlineData("/artikel/gibt-es-nicht")]
    [InlineData("/artikel/Kreml-Lehnt")]
    [InlineData("/artikel/..%2F..%2Fappsettings.json")]
    [InlineData("/artikel/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/irgendwo/ganz/anders")]
    public async Task UnknownAddress_GetsTheGerman404Page(string path)
    {
        var (response, page) = await site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Seite nicht gefunden", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json'])"));
    }

    [Fact]
    public async Task OverlongSlug_Gets404()
    {
        var (response, _) = await site.GetPageAsync("/artikel/" + new string('a', 2000));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ShortArticleWithTwoHeadings_HasNoTableOfContentsAndOneMinuteReadingTime()
    {
        var content = NewsSiteFactory.ContentFolder(("kurz.md",
            "---\ntitle: Kurz\nauthor: Redaktion\ndate: 2025-03-01T10:00:00\n---\n\n## Erstens\n\nText.\n\n## Zweitens\n\nText.\n"));
        await using var shortSite = new NewsSiteFactory(content);

        var (_, page) = await shortSite.GetPageAsync("/artikel/kurz");

        Assert.Null(page.QuerySelector("nav.toc"));
        Assert.Equal("1 Min. Lesezeit", page.QuerySelector(".article__reading-time")!.TextContent.Trim());
    }
}
