using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml.Linq;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Syndication;

/// <summary>The site's, a tag's and an author's feeds over the repository's content, read as feed readers read them.</summary>
public class FeedTests(SeededSite site) : IClassFixture<SeededSite>
{
    private const string Base = "https://nachrichten.example";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    [Fact]
    public async Task SiteRss_CarriesTheChannelAndEveryPublishedArticleNewestFirst()
    {
        using var response = await site.SendAsync("/rss.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var feed = FeedResponses.LoadFeed(await response.BytesAsync());
        Assert.Equal("NewsSite", feed.Title.Text);
        Assert.Equal("de-DE", feed.Language);
        Assert.Equal(new Uri(Base + "/"), feed.Links.Single(l => l.RelationshipType == "alternate").Uri);
        Assert.Equal(new Uri(Base + "/rss.xml"), feed.Links.Single(l => l.RelationshipType == "self").Uri);
        var items = feed.Items.ToList();
        Assert.Equal(10, items.Count);
        Assert.Equal("Sonderausstellung zeigt römische Funde aus der Kölner Innenstadt", items[0].Title.Text);
        Assert.Equal("Gaspreise ziehen nach Ende des russischen Transits an", items[^1].Title.Text);
        Assert.True(items.Zip(items.Skip(1)).All(pair => pair.First.PublishDate >= pair.Second.PublishDate));
        Assert.Equal(items.Count, items.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public async Task SiteRss_ItemHasEveryField_ReadWithAPlainXmlReader()
    {
        using var response = await site.SendAsync("/rss.xml");
        var rss = FeedResponses.ParseXml(await response.BytesAsync()).Root!;

        Assert.Equal("2.0", rss.Attribute("version")!.Value);
        var channel = rss.Element("channel")!;
        Assert.Equal("de-DE", channel.Element("language")!.Value);
        Assert.True(DateTimeOffset.TryParse(channel.Element("lastBuildDate")!.Value.Replace(" Z", " +0000", StringComparison.Ordinal), out _));
        Assert.Equal(Base + "/rss.xml", channel.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);

        var kreml = channel.Elements("item").Single(i => i.Element("title")!.Value == "Kreml lehnt internationale Truppen in Ukraine strikt ab");
        Assert.Equal(Base + "/artikel/kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab", kreml.Element("link")!.Value);
        Assert.Equal("false", kreml.Element("guid")!.Attribute("isPermaLink")!.Value);
        Assert.Matches(@"^tag:nachrichten\.example,\d{4}-\d{2}-\d{2}:artikel/\d+$", kreml.Element("guid")!.Value);
        Assert.Equal("Fri, 14 Mar 2025 08:30:00 Z", kreml.Element("pubDate")!.Value);
        Assert.Equal("administrator", kreml.Element(DublinCore + "creator")!.Value);
        Assert.Equal(["Russland", "Ukraine", "USA", "Waffenstillstand", "Diplomatie"], kreml.Elements("category").Select(c => c.Value));
        Assert.StartsWith("Russland hat den von den USA vorgeschlagenen Waffenstillstand abgelehnt", kreml.Element("description")!.Value, StringComparison.Ordinal);
        var html = kreml.Element(Content + "encoded")!.Value;
        Assert.Contains("<h2 id=\"moskau-sieht-in-us-waffenstillstand-eine-taktik-fuer-kiew\">Moskau sieht in US-Waffenstillstand eine Taktik für Kiew</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiteAtom_HasPublishedUpdatedAuthorCategoriesAndHtmlContent()
    {
        using var response = await site.SendAsync("/atom.xml");

        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var bytes = await response.BytesAsync();
        var feed = FeedResponses.LoadFeed(bytes);
        Assert.Equal(new Uri(Base + "/atom.xml"), feed.Links.Single(l => l.RelationshipType == "self").Uri);
        var entry = feed.Items.Single(i => i.Title.Text == "EU-Gipfel sagt Ukraine weitere Milliardenhilfe zu");
        Assert.Equal(new DateTimeOffset(2025, 3, 6, 17, 45, 0, TimeSpan.Zero), entry.PublishDate);
        Assert.Equal(entry.PublishDate, entry.LastUpdatedTime);
        Assert.Equal("Anna Berger", entry.Authors.Single().Name);
        Assert.Equal(Base + "/autor/anna-berger", entry.Authors.Single().Uri);
        Assert.Equal(["Ukraine", "EU", "Diplomatie"], entry.Categories.Select(c => c.Name));
        Assert.Equal(new Uri(Base + "/artikel/eu-gipfel-sagt-ukraine-weitere-milliardenhilfe-zu"), entry.Links.Single(l => l.RelationshipType == "alternate").Uri);
        // The sample article's lead picture travels as an enclosure (and media:content, see LeadPictureTests).
        Assert.Equal("image/jpeg", entry.Links.Single(l => l.RelationshipType == "enclosure").MediaType);
        Assert.StartsWith("Die Staats- und Regierungschefs der EU", entry.Summary.Text, StringComparison.Ordinal);
        var content = Assert.IsType<TextSyndicationContent>(entry.Content);
        Assert.Equal("html", content.Type);
        Assert.Contains("<h2 id=\"schwerpunkt-luftverteidigung\">", content.Text, StringComparison.Ordinal);

        var atom = FeedResponses.ParseXml(bytes).Root!;
        Assert.Equal("de-DE", atom.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.NotNull(atom.Element(Atom + "updated"));
        Assert.All(atom.Elements(Atom + "entry"), e => Assert.NotNull(e.Element(Atom + "published")));
    }

    [Fact]
    public async Task RssAndAtom_GiveTheSameArticleTheSameId()
    {
        using var rss = await site.SendAsync("/rss.xml");
        using var atom = await site.SendAsync("/atom.xml");

        Assert.Equal(
            FeedResponses.LoadFeed(await rss.BytesAsync()).Items.Select(i => i.Id),
            FeedResponses.LoadFeed(await atom.BytesAsync()).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task JsonFeed_IsVersion11WithEveryField()
    {
        using var response = await site.SendAsync("/feed.json");

        Assert.Equal("application/feed+json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        using var json = JsonDocument.Parse(await response.BytesAsync());
        var root = json.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal("NewsSite", root.GetProperty("title").GetString());
        Assert.Equal(Base + "/", root.GetProperty("home_page_url").GetString());
        Assert.Equal(Base + "/feed.json", root.GetProperty("feed_url").GetString());
        Assert.Equal("de-DE", root.GetProperty("language").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(10, items.Count);
        var kreml = items.Single(i => i.GetProperty("title").GetString() == "Kreml lehnt internationale Truppen in Ukraine strikt ab");
        Assert.Equal(Base + "/artikel/kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab", kreml.GetProperty("url").GetString());
        Assert.Equal("2025-03-14T08:30:00Z", kreml.GetProperty("date_published").GetString());
        Assert.Equal("2025-03-14T08:30:00Z", kreml.GetProperty("date_modified").GetString());
        Assert.Equal("administrator", kreml.GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.Equal(["Russland", "Ukraine", "USA", "Waffenstillstand", "Diplomatie"], kreml.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("<h2 id=", kreml.GetProperty("content_html").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(kreml.GetProperty("summary").GetString()));

        using var rss = await site.SendAsync("/rss.xml");
        Assert.Equal(FeedResponses.LoadFeed(await rss.BytesAsync()).Items.Select(i => i.Id), items.Select(i => i.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("/thema/koeln/rss.xml", "Köln – NewsSite", Base + "/thema/koeln")]
    [InlineData("/thema/koeln/atom.xml", "Köln – NewsSite", Base + "/thema/koeln")]
    [InlineData("/autor/anna-berger/rss.xml", "Anna Berger – NewsSite", Base + "/autor/anna-berger")]
    [InlineData("/autor/anna-berger/atom.xml", "Anna Berger – NewsSite", Base + "/autor/anna-berger")]
    public async Task TagAndAuthorFeeds_CarryOnlyTheirArticles(string path, string title, string page)
    {
        using var response = await site.SendAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = FeedResponses.LoadFeed(await response.BytesAsync());
        Assert.Equal(title, feed.Title.Text);
        Assert.Equal(new Uri(page), feed.Links.Single(l => l.RelationshipType == "alternate").Uri);
        Assert.Equal(new Uri(Base + path), feed.Links.Single(l => l.RelationshipType == "self").Uri);
        var expected = path.Contains("koeln", StringComparison.Ordinal)
            ? new[] { "Sonderausstellung zeigt römische Funde aus der Kölner Innenstadt", "Köln baut Stadtbahnnetz bis 2030 deutlich aus" }
            : ["EU-Gipfel sagt Ukraine weitere Milliardenhilfe zu", "Russland und Ukraine tauschen erneut Gefangene aus"];
        Assert.Equal(expected, feed.Items.Select(i => i.Title.Text));
    }

    [Theory]
    [InlineData("/thema/gibt-es-nicht/rss.xml")]
    [InlineData("/thema/K%C3%B6ln/atom.xml")]
    [InlineData("/autor/niemand/feed.json")]
    [InlineData("/autor/..%2F..%2Fetc/rss.xml")]
    public async Task FeedOfAnUnknownTagOrAuthor_Gets404(string path)
    {
        using var response = await site.SendAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/rss.xml")]
    [InlineData("/atom.xml")]
    [InlineData("/feed.json")]
    [InlineData("/thema/koeln/rss.xml")]
    [InlineData("/sitemap.xml")]
    public async Task Head_AnswersLikeGetWithoutABody(string path)
    {
        using var get = await site.SendAsync(path);
        using var head = await site.SendAsync(path, HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.BytesAsync());
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
    }

    [Theory]
    [InlineData("/rss.xml")]
    [InlineData("/atom.xml")]
    [InlineData("/feed.json")]
    [InlineData("/autor/anna-berger/rss.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemaps/artikel-1.xml")]
    public async Task ConditionalGet_AnswersNotModifiedToTheCurrentETagOrDate(string path)
    {
        using var first = await site.SendAsync(path);
        var etag = first.Headers.ETag!.ToString();
        var lastModified = first.Content.Headers.LastModified!.Value.ToString("R");

        using var byTag = await site.SendAsync(path, null, ("If-None-Match", etag));
        using var byOneOfSeveral = await site.SendAsync(path, null, ("If-None-Match", $"W/\"anderes\", {etag}"));
        using var byStar = await site.SendAsync(path, null, ("If-None-Match", "*"));
        using var byDate = await site.SendAsync(path, null, ("If-Modified-Since", lastModified));
        using var headByTag = await site.SendAsync(path, HttpMethod.Head, ("If-None-Match", etag));
        using var otherTag = await site.SendAsync(path, null, ("If-None-Match", "W/\"anderes\""));
        using var earlier = await site.SendAsync(path, null, ("If-Modified-Since", first.Content.Headers.LastModified!.Value.AddSeconds(-1).ToString("R")));
        using var tagWinsOverDate = await site.SendAsync(path, null, ("If-None-Match", "W/\"anderes\""), ("If-Modified-Since", lastModified));
        using var garbage = await site.SendAsync(path, null, ("If-Modified-Since", "gestern"), ("If-None-Match", "kaputt"));

        Assert.True(first.Headers.ETag.IsWeak);
        Assert.Equal("public, no-cache", first.Headers.CacheControl!.ToString());
        foreach (var notModified in new[] { byTag, byOneOfSeveral, byStar, byDate, headByTag })
        {
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.BytesAsync());
            Assert.Equal(etag, notModified.Headers.ETag!.ToString());
        }

        foreach (var modified in new[] { otherTag, earlier, tagWinsOverDate, garbage })
        {
            Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
            Assert.Equal(await first.BytesAsync(), await modified.BytesAsync());
        }
    }

    [Fact]
    public async Task DifferentFeeds_HaveDifferentETags()
    {
        var paths = new[] { "/rss.xml", "/atom.xml", "/feed.json", "/thema/koeln/rss.xml", "/autor/anna-berger/rss.xml" };
        var etags = new List<string>();
        foreach (var path in paths)
        {
            using var response = await site.SendAsync(path);
            etags.Add(response.Headers.ETag!.Tag);
        }

        Assert.Equal(paths.Length, etags.Distinct().Count());
    }

    [Fact]
    public async Task SpoofedHostHeader_ChangesNoAbsoluteUrl()
    {
        using var honest = await site.SendAsync("/rss.xml");
        // A foreign Host is refused outright (ForgedHostTests); the site's own host on another port is answered.
        const string other = "nachrichten.example:8443";
        using var spoofed = await site.SendAsync("/rss.xml", null, ("Host", other), ("X-Forwarded-Host", "boese.example"));
        using var page = await site.SendAsync("/artikel/kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab", null, ("Host", other));
        using var sitemap = await site.SendAsync("/sitemap.xml", null, ("Host", other));
        using var robots = await site.SendAsync("/robots.txt", null, ("Host", other));

        Assert.Equal(await honest.BytesAsync(), await spoofed.BytesAsync());
        foreach (var response in new[] { spoofed, page, sitemap, robots })
        {
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain("boese", text, StringComparison.Ordinal);
            Assert.DoesNotContain(":8443", text, StringComparison.Ordinal);
            Assert.Contains(Base + "/", text, StringComparison.Ordinal);
        }
    }
}
