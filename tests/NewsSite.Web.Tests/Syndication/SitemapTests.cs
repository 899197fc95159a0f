using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Syndication;

public class SitemapTests
{
    private const string Base = "https://nachrichten.example";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string title, string date, string author, string tags, string extra = "") =>
        $"---\ntitle: \"{title}\"\nauthor: {author}\ndate: {date}\ntags: {tags}\n{extra}\n---\n\nText zu {title}.\n";

    private static async Task<XElement> GetXmlAsync(NewsSiteFactory site, string path)
    {
        using var response = await site.SendAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        return FeedResponses.ParseXml(await response.BytesAsync()).Root!;
    }

    /// <summary>Follows the index to every part and gathers each URL with its lastmod.</summary>
    private static async Task<Dictionary<string, string?>> AllUrlsAsync(NewsSiteFactory site)
    {
        var index = await GetXmlAsync(site, "/sitemap.xml");
        Assert.Equal(Sitemap + "sitemapindex", index.Name);
        var urls = new Dictionary<string, string?>();
        foreach (var loc in index.Elements(Sitemap + "sitemap").Select(s => s.Element(Sitemap + "loc")!.Value))
        {
            Assert.StartsWith(Base + "/sitemaps/", loc, StringComparison.Ordinal);
            var part = await GetXmlAsync(site, loc[Base.Length..]);
            foreach (var url in part.Elements(Sitemap + "url"))
            {
                urls.Add(url.Element(Sitemap + "loc")!.Value, url.Element(Sitemap + "lastmod")?.Value);
            }
        }

        return urls;
    }

    [Fact]
    public async Task Sitemap_ListsExactlyThePublishedArticlesAndTheirTagAndAuthorPages()
    {
        var clock = new TestClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var content = NewsSiteFactory.ContentFolder(
            ("a.md", Article("Erste", "2025-05-01T10:00:00", "Anna Berger", "[Köln]")),
            ("b.md", Article("Zweite", "2025-05-02T10:00:00", "Jonas Weber", "[Köln, Verkehr]", "updated: 2025-05-20T10:00:00")),
            ("entwurf.md", Article("Entwurf", "2025-05-03T10:00:00", "Lea Graf", "[Geheim]", "draft: true")),
            ("zukunft.md", Article("Zukunft", "2025-07-01T10:00:00", "Anna Berger", "[Später]")),
            ("papierkorb.md", Article("Papierkorb", "2025-05-04T10:00:00", "Anna Berger", "[Köln]")));
        await using var site = new NewsSiteFactory(content, clock: clock);
        using (await site.SendAsync("/"))
        {
        }

        var articles = site.Services.GetRequiredService<SiteStorage>();
        var trashed = (await articles.Listings.ListLatestAsync(ArticleScope.Site, 1, clock.Now, Token)).Single();
        await articles.Articles.SetTrashedAsync(trashed.Id, trashed: true, "redaktion", Token);

        var urls = await AllUrlsAsync(site);

        Assert.Equal(
            new[]
            {
                Base + "/", Base + "/artikel/erste", Base + "/artikel/zweite", Base + "/autor/anna-berger",
                Base + "/autor/jonas-weber", Base + "/thema/koeln", Base + "/thema/verkehr",
            },
            urls.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("2025-05-01T08:00:00Z", urls[Base + "/artikel/erste"]);
        Assert.Equal("2025-05-20T08:00:00Z", urls[Base + "/artikel/zweite"]);
        Assert.Equal("2025-05-20T08:00:00Z", urls[Base + "/thema/koeln"]);
        Assert.Equal("2025-05-01T08:00:00Z", urls[Base + "/autor/anna-berger"]);

        clock.Now = new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.Zero);
        var later = await AllUrlsAsync(site);
        Assert.Contains(Base + "/artikel/zukunft", later.Keys);
        Assert.Contains(Base + "/thema/spaeter", later.Keys);
    }

    [Fact]
    public async Task EmptySite_HasAnIndexWithThePagesPartHoldingTheHomePage()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        var urls = await AllUrlsAsync(site);
        using var noArticles = await site.SendAsync("/sitemaps/artikel-1.xml");

        Assert.Equal([Base + "/"], urls.Keys);
        Assert.Equal(HttpStatusCode.NotFound, noArticles.StatusCode);
    }

    [Theory]
    [InlineData("/sitemaps/artikel-2.xml")]
    [InlineData("/sitemaps/artikel-0.xml")]
    [InlineData("/sitemaps/seiten-2.xml")]
    [InlineData("/sitemaps/artikel-x.xml")]
    [InlineData("/sitemaps/artikel-99999999999999999999.xml")]
    [InlineData("/sitemaps/artikel--1.xml")]
    public async Task SitemapPartsBeyondTheEnd_Get404(string path)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("a.md", Article("Eins", "2025-05-01T10:00:00", "A", "[X]"))));

        using var response = await site.SendAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NewsSitemap_HoldsTheLast48Hours_NewestFirst_AndChangesAsArticlesAgeOut()
    {
        var clock = new TestClock(new DateTimeOffset(2025, 6, 3, 12, 0, 0, TimeSpan.Zero));
        var content = NewsSiteFactory.ContentFolder(
            ("alt.md", Article("Vorgestern früh", "2025-06-01T12:00:00", "A", "[X]")),
            ("gestern.md", Article("Gestern", "2025-06-02T12:00:00", "A", "[X]")),
            ("heute.md", Article("Heute <&>", "2025-06-03T12:00:00", "A", "[X]")),
            ("morgen.md", Article("Morgen", "2025-06-04T12:00:00", "A", "[X]")));
        await using var site = new NewsSiteFactory(content, clock: clock) { SiteName = "Kölner Tageblatt" };

        using var first = await site.SendAsync("/sitemap-news.xml");
        var urlset = FeedResponses.ParseXml(await first.BytesAsync()).Root!;
        var entries = urlset.Elements(Sitemap + "url").ToList();
        Assert.Equal([Base + "/artikel/heute", Base + "/artikel/gestern"], entries.Select(e => e.Element(Sitemap + "loc")!.Value));
        var news = entries[0].Element(News + "news")!;
        Assert.Equal("Kölner Tageblatt", news.Element(News + "publication")!.Element(News + "name")!.Value);
        Assert.Equal("de", news.Element(News + "publication")!.Element(News + "language")!.Value);
        Assert.Equal("2025-06-03T10:00:00Z", news.Element(News + "publication_date")!.Value);
        Assert.Equal("Heute <&>", news.Element(News + "title")!.Value);
        Assert.Null(first.Content.Headers.LastModified);

        // A day later "Gestern" has left the window although nothing was written: the old ETag no longer matches.
        clock.Now = clock.Now.AddHours(25);
        using var later = await site.SendAsync("/sitemap-news.xml", null, ("If-None-Match", first.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        var laterLocs = FeedResponses.ParseXml(await later.BytesAsync()).Root!.Elements(Sitemap + "url").Select(e => e.Element(Sitemap + "loc")!.Value);
        Assert.Equal([Base + "/artikel/morgen", Base + "/artikel/heute"], laterLocs);
    }

    [Fact]
    public async Task Robots_AllowsTheSiteKeepsCrawlersOutOfTheAdminAndNamesBothSitemaps()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        using var response = await site.SendAsync("/robots.txt");
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(
            "User-agent: *\nDisallow: /admin\n\nSitemap: https://nachrichten.example/sitemap.xml\nSitemap: https://nachrichten.example/sitemap-news.xml\n",
            text);
        using var head = await site.SendAsync("/robots.txt", HttpMethod.Head);
        Assert.Equal(response.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.BytesAsync());
    }
}
