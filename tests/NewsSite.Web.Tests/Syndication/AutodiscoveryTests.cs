using System.Net;
using AngleSharp.Dom;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Syndication;

/// <summary>Feed readers find feeds through &lt;link rel="alternate"&gt; in the head; the links must lead to them.</summary>
public class AutodiscoveryTests(SeededSite site) : IClassFixture<SeededSite>
{
    private static List<(string Type, string Title, string Href)> FeedLinks(IDocument page) =>
        page.Head!.QuerySelectorAll("link[rel=alternate]")
            .Select(l => (l.GetAttribute("type")!, l.GetAttribute("title")!, l.GetAttribute("href")!))
            .ToList();

    private static readonly (string Type, string Title, string Href)[] SiteFeeds =
    [
        ("application/rss+xml", "NewsSite (RSS)", "/rss.xml"),
        ("application/atom+xml", "NewsSite (Atom)", "/atom.xml"),
        ("application/feed+json", "NewsSite (JSON Feed)", "/feed.json"),
    ];

    [Theory]
    [InlineData("/")]
    [InlineData("/artikel/" + SeededSite.SeedSlug)]
    [InlineData("/gibt-es-nicht")]
    public async Task EveryPage_AnnouncesTheSiteFeeds(string path)
    {
        var (_, page) = await site.GetPageAsync(path);

        Assert.Equal(SiteFeeds, FeedLinks(page));
    }

    [Fact]
    public async Task TagAndAuthorPages_AlsoAnnounceTheirOwnFeeds()
    {
        var (_, tag) = await site.GetPageAsync("/thema/koeln");
        var (_, author) = await site.GetPageAsync("/autor/anna-berger");

        Assert.Equal(
            SiteFeeds.Concat(
            [
                ("application/rss+xml", "Thema Köln (RSS)", "/thema/koeln/rss.xml"),
                ("application/atom+xml", "Thema Köln (Atom)", "/thema/koeln/atom.xml"),
                ("application/feed+json", "Thema Köln (JSON Feed)", "/thema/koeln/feed.json"),
            ]),
            FeedLinks(tag));
        Assert.Equal(
            SiteFeeds.Concat(
            [
                ("application/rss+xml", "Artikel von Anna Berger (RSS)", "/autor/anna-berger/rss.xml"),
                ("application/atom+xml", "Artikel von Anna Berger (Atom)", "/autor/anna-berger/atom.xml"),
                ("application/feed+json", "Artikel von Anna Berger (JSON Feed)", "/autor/anna-berger/feed.json"),
            ]),
            FeedLinks(author));
    }

    [Fact]
    public async Task ReadersSeeFeedLinksToo_InTheFooterAndOnTagAndAuthorPages()
    {
        var (_, home) = await site.GetPageAsync("/");
        var (_, tag) = await site.GetPageAsync("/thema/koeln");
        var (_, author) = await site.GetPageAsync("/autor/anna-berger");

        Assert.Equal("RSS-Feed", home.QuerySelector("footer a[href='/rss.xml']")!.TextContent);
        Assert.Null(home.QuerySelector(".page-feed"));
        Assert.Equal("/thema/koeln/rss.xml", tag.QuerySelector(".page-feed a")!.GetAttribute("href"));
        Assert.Equal("Thema als RSS-Feed abonnieren", tag.QuerySelector(".page-feed a")!.TextContent);
        Assert.Equal("/autor/anna-berger/rss.xml", author.QuerySelector(".page-feed a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AMediaTypeIsWrittenWithAPlainPlus_SoThatFeedFindersMatchingTheSourceFindIt()
    {
        using var response = await site.SendAsync("/");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("type=\"application/rss+xml\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x2B;xml", html, StringComparison.Ordinal);
    }

    /// <summary>A reader given only a page's address: finds the feeds in the head, subscribes, gets the page's articles.</summary>
    [Theory]
    [InlineData("/", "application/rss+xml")]
    [InlineData("/", "application/atom+xml")]
    [InlineData("/thema/koeln", "application/rss+xml")]
    [InlineData("/autor/anna-berger", "application/atom+xml")]
    public async Task AReaderSubscribingThroughAutodiscovery_GetsThePagesArticles(string pagePath, string type)
    {
        var (_, page) = await site.GetPageAsync(pagePath);
        var href = page.Head!.QuerySelectorAll($"link[rel=alternate][type='{type}']")[^1].GetAttribute("href")!;
        var feedUrl = new Uri(new Uri("https://nachrichten.example" + pagePath), href);

        using var response = await site.SendAsync(feedUrl.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = FeedResponses.LoadFeed(await response.BytesAsync());
        var teasers = page.QuerySelectorAll(".teaser h2 a").Select(a => "https://nachrichten.example" + a.GetAttribute("href")).ToList();
        Assert.NotEmpty(teasers);
        Assert.Equal(teasers, feed.Items.Take(teasers.Count).Select(i => i.Links.Single(l => l.RelationshipType is null or "alternate").Uri.AbsoluteUri));
    }
}
