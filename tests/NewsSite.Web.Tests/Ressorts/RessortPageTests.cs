using System.Net;
using System.Text.Json;
using NewsSite.Core.Ressorts;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Ressorts;

/// <summary>A Ressort's front page, feeds and sitemap entry, the header navigation, and what an article shows of its Ressort.</summary>
public sealed class RessortPageTests : IAsyncLifetime
{
    private readonly NewsSiteFactory _site = RessortSite.Create();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    private static List<string> GridTitles(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll(".ressort-grid .teaser__title a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task FirstPage_HasTheNewestAsLeadStory_ThenTheGrid_WithPagination()
    {
        var (response, page) = await _site.GetPageAsync("/ressort/politik");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ressort Politik", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Politik fünf", page.QuerySelector(".ressort-lead__title a")!.TextContent.Trim());
        Assert.Equal("/artikel/p5", page.QuerySelector(".ressort-lead__title a")!.GetAttribute("href"));
        Assert.Equal(["Politik vier", "Politik drei"], GridTitles(page));
        Assert.Equal("/ressort/politik?seite=2", page.QuerySelector("link[rel=next]")!.GetAttribute("href"));
        Assert.Contains(page.QuerySelectorAll(".pagination a"), a => a.GetAttribute("href") == "/ressort/politik?seite=2");
    }

    [Fact]
    public async Task SecondPage_HasNoLeadStory_OnlyTheGrid()
    {
        var (response, page) = await _site.GetPageAsync("/ressort/politik?seite=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector(".ressort-lead"));
        Assert.Equal(["Politik zwei", "Politik eins"], GridTitles(page));
        Assert.Equal("https://nachrichten.example/ressort/politik?seite=2", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/ressort/gibt-es-nicht")]
    [InlineData("/ressort/Politik")]
    [InlineData("/ressort/politik?seite=3")]
    public async Task UnknownRessortOrPage_GetsTheGerman404(string path)
    {
        var (response, page) = await _site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Seite nicht gefunden", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARessortWithoutArticles_IsAPageSayingSo()
    {
        var (response, page) = await _site.GetPageAsync("/ressort/leer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("kein Artikel veröffentlicht", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderNavigation_ListsTheRessortsInTheirOrder_OnEveryPage_MarkingTheCurrentOne()
    {
        foreach (var path in new[] { "/", "/artikel/o1", "/thema/allgemein", "/ressort/sport" })
        {
            var (_, page) = await _site.GetPageAsync(path);
            var links = page.QuerySelectorAll("header nav.ressort-nav a").ToList();

            Assert.Equal(["Politik", "Sport", "Leer"], links.Select(a => a.TextContent.Trim()));
            Assert.Equal(["/ressort/politik", "/ressort/sport", "/ressort/leer"], links.Select(a => a.GetAttribute("href")));
            Assert.Equal(path == "/ressort/sport" ? ["Sport"] : [],
                links.Where(a => a.GetAttribute("aria-current") == "page").Select(a => a.TextContent.Trim()));
        }
    }

    [Fact]
    public async Task Article_HasABreadcrumbAndArticleSection_AndBreadcrumbListJsonLd()
    {
        var (_, page) = await _site.GetPageAsync("/artikel/p3");

        var crumbs = page.QuerySelectorAll("nav.breadcrumb li a").ToList();
        Assert.Equal(["Startseite", "Politik", "Politik drei"], crumbs.Select(a => a.TextContent.Trim()));
        Assert.Equal(["/", "/ressort/politik", "/artikel/p3"], crumbs.Select(a => a.GetAttribute("href")));
        var jsonLd = page.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent)).ToList();
        var article = jsonLd.Single(d => d.RootElement.GetProperty("@type").GetString() == "NewsArticle").RootElement;
        Assert.Equal("Politik", article.GetProperty("articleSection").GetString());
        var breadcrumb = jsonLd.Single(d => d.RootElement.GetProperty("@type").GetString() == "BreadcrumbList").RootElement;
        Assert.Equal(
            ["https://nachrichten.example/", "https://nachrichten.example/ressort/politik", "https://nachrichten.example/artikel/p3"],
            breadcrumb.GetProperty("itemListElement").EnumerateArray().Select(i => i.GetProperty("item").GetString()));
    }

    [Fact]
    public async Task ArticleWithoutRessort_HasNeitherBreadcrumbNorSection()
    {
        var (_, page) = await _site.GetPageAsync("/artikel/o1");

        Assert.Null(page.QuerySelector("nav.breadcrumb"));
        Assert.Null(page.QuerySelector(".more-ressort"));
        var article = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.False(article.TryGetProperty("articleSection", out _));
        Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
    }

    [Fact]
    public async Task MoreFromTheRessort_ListsTheNewestOthersOfTheSameRessort()
    {
        var (_, page) = await _site.GetPageAsync("/artikel/p3");

        var block = page.QuerySelector("section.more-ressort")!;
        Assert.Contains("Mehr aus dem Ressort", block.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["/artikel/p5", "/artikel/p4", "/artikel/p2", "/artikel/p1"],
            block.QuerySelectorAll("li a").Select(a => a.GetAttribute("href")));
        var (_, sport) = await _site.GetPageAsync("/artikel/s1");
        Assert.Null(sport.QuerySelector("section.more-ressort"));
    }

    [Fact]
    public async Task Feeds_InEveryFormat_HoldTheRessortsArticles_AndThePageLinksThem()
    {
        var rss = FeedResponses.LoadFeed(await (await _site.SendAsync("/ressort/politik/rss.xml")).BytesAsync());
        var atom = FeedResponses.LoadFeed(await (await _site.SendAsync("/ressort/politik/atom.xml")).BytesAsync());
        using var json = JsonDocument.Parse(await (await _site.SendAsync("/ressort/politik/feed.json")).BytesAsync());

        Assert.Equal("Politik – NewsSite", rss.Title.Text);
        Assert.Equal(["Politik fünf", "Politik vier", "Politik drei", "Politik zwei", "Politik eins"], rss.Items.Select(i => i.Title.Text));
        Assert.Equal(5, atom.Items.Count());
        Assert.Equal("https://nachrichten.example/ressort/politik/feed.json", json.RootElement.GetProperty("feed_url").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await _site.SendAsync("/ressort/gibt-es-nicht/rss.xml")).StatusCode);

        var (_, page) = await _site.GetPageAsync("/ressort/politik");
        Assert.Equal(["/ressort/politik/rss.xml", "/ressort/politik/atom.xml", "/ressort/politik/feed.json"],
            page.QuerySelectorAll("link[rel=alternate]").Select(l => l.GetAttribute("href")).Where(h => h!.StartsWith("/ressort/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sitemap_ListsEachRessortWithPublishedArticles()
    {
        var sitemap = FeedResponses.ParseXml(await (await _site.SendAsync("/sitemaps/seiten-1.xml")).BytesAsync());
        var locations = sitemap.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToList();

        Assert.Contains("https://nachrichten.example/ressort/politik", locations);
        Assert.Contains("https://nachrichten.example/ressort/sport", locations);
        Assert.DoesNotContain("https://nachrichten.example/ressort/leer", locations);
    }

    [Fact]
    public async Task AChangedSlug_AnswersTheOldAddressWith301ToTheNewOne()
    {
        var store = _site.Services.GetRequiredService<IRessortStore>();
        var sport = (await store.FindBySlugAsync("sport", Token))!;
        await store.UpdateAsync(sport.Id, new RessortDraft("Sport", "sport-aktuell"), Token);

        var response = await _site.SendAsync("/ressort/sport");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/ressort/sport-aktuell", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await _site.GetPageAsync("/ressort/sport-aktuell")).Response.StatusCode);
    }
}
