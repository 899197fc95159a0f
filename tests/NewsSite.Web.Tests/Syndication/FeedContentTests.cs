using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Tags;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Syndication;

/// <summary>What goes into a feed and what never does; feeds that stay readable whatever the stored text holds.</summary>
public class FeedContentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string[] Formats = ["/rss.xml", "/atom.xml", "/feed.json"];

    private static string Article(string title, string date, string extra = "", string body = "Text.") =>
        $"---\ntitle: \"{title}\"\nauthor: Redaktion\ndate: {date}\ntags: [Köln]\n{extra}\n---\n\n{body}\n";

    private static async Task<IReadOnlyList<string>> TitlesAsync(NewsSiteFactory site, string path)
    {
        using var response = await site.SendAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.BytesAsync();
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(bytes);
            return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
        }

        return FeedResponses.LoadFeed(bytes).Items.Select(i => i.Title.Text).ToList();
    }

    [Fact]
    public async Task Feeds_HoldTheTwentyLatest_AndNeverDraftsTrashedOrFutureArticles()
    {
        var clock = new TestClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var files = Enumerable.Range(1, 22)
            .Select(i => ($"{i:00}.md", Article($"Meldung {i:00}", $"2025-05-{i:00}T10:00:00")))
            .Append(("entwurf.md", Article("Entwurf", "2025-05-30T10:00:00", "draft: true")))
            .Append(("zukunft.md", Article("Zukunft", "2025-07-01T10:00:00")))
            .Append(("papierkorb.md", Article("Papierkorb", "2025-05-31T10:00:00")))
            .ToArray();
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(files), clock: clock);
        using (await site.SendAsync("/"))
        {
            // The first request starts the app, which imports the folder.
        }

        var articles = site.Services.GetRequiredService<SiteStorage>();
        var trashed = (await articles.Listings.ListLatestAsync(ArticleScope.Site, 1, clock.Now, Token)).Single();
        Assert.Equal("Papierkorb", trashed.Title);
        await articles.Articles.SetTrashedAsync(trashed.Id, trashed: true, "redaktion", Token);

        var expected = Enumerable.Range(3, 20).Reverse().Select(i => $"Meldung {i:00}").ToList();
        foreach (var path in Formats.Concat(["/thema/koeln/rss.xml", "/autor/redaktion/atom.xml"]))
        {
            Assert.Equal(expected, await TitlesAsync(site, path));
        }

        clock.Now = new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal("Zukunft", (await TitlesAsync(site, "/rss.xml"))[0]);
    }

    [Fact]
    public async Task SiteWithoutArticles_ServesValidEmptyFeeds()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        foreach (var path in Formats)
        {
            Assert.Empty(await TitlesAsync(site, path));
        }

        using var atom = await site.SendAsync("/atom.xml");
        var root = FeedResponses.ParseXml(await atom.BytesAsync()).Root!;
        Assert.NotNull(root.Element(root.Name.Namespace + "updated"));
        Assert.NotNull(root.Element(root.Name.Namespace + "id"));
    }

    [Fact]
    public async Task RelativeLinksAndImagesInTheBody_BecomeAbsolute()
    {
        const string body = "Siehe [Köln](/thema/koeln), [unten](#ende), [Nachbar](andere-meldung) und [extern](https://example.org/a?b=1&c=2).\n\n" +
            "![Ein Bild](bilder/bild.jpg)\n\n## Ende\n";
        await using var site = new NewsSiteFactory(Pictures.TestPictures.ContentFolder(
            [("a.md", Article("Mit Links", "2025-05-01T10:00:00", body: body))], ("bilder/bild.jpg", Pictures.TestPictures.Jpeg(600, 400))));

        using var response = await site.SendAsync("/atom.xml");
        var html = ((System.ServiceModel.Syndication.TextSyndicationContent)FeedResponses.LoadFeed(await response.BytesAsync()).Items.Single().Content).Text;

        Assert.Contains("href=\"https://nachrichten.example/thema/koeln\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://nachrichten.example/artikel/mit-links#ende\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://nachrichten.example/artikel/andere-meldung\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/a?b=1&amp;c=2\"", html, StringComparison.Ordinal);
        Assert.Matches("src=\"https://nachrichten\\.example/bilder/[0-9a-f]{32}-600\\.jpg\"", html);
        Assert.Matches("srcset=\"https://nachrichten\\.example/bilder/[0-9a-f]{32}-480\\.webp 480w, https://nachrichten\\.example/bilder/[0-9a-f]{32}-600\\.webp 600w\"", html);

        // The page itself keeps its links as written.
        var (_, page) = await site.GetPageAsync("/artikel/mit-links");
        Assert.Equal("/thema/koeln", page.QuerySelector(".article__body a")!.GetAttribute("href"));
    }

    /// <summary>
    /// Stored text that no editor form lets through (a legacy database, a future import path) must still not break a
    /// feed: written straight into the store, bypassing the parser's checks.
    /// </summary>
    [Fact]
    public async Task HostileTitlesAndBodies_KeepEveryFeedWellFormed_AndAreEscapedNotInterpreted()
    {
        const string hostileTitle = "Böse <b>&amp;</b> \"Zitat\" 'eins' \u0001\u0008\u000B\uFFFE\uFFFF\uD800 Ende";
        const string hostileBody = "<p>Vorher ]]> <![CDATA[ x ]]> \u0000\u001F\uDC00 &lt;script&gt; nachher 😀</p>";
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using (await site.SendAsync("/"))
        {
        }

        var articles = site.Services.GetRequiredService<SiteStorage>();
        var content = new ArticleContent(
            hostileTitle, "boese", "Mallory <script>", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), null,
            [TagName.TryCreate("Tag ]]> <x>")!], "Zusammenfassung & <mehr> \u0002", false, hostileBody, "# roh", "hash");
        await articles.Articles.CreateAsync(content, new ArticleOrigin(RevisionOrigin.Editor, "test", null), Token);

        // SQLite stores UTF-8, so a lone surrogate is already U+FFFD when read back; FeedTextTests cover it on its own.
        const string cleanTitle = "Böse <b>&amp;</b> \"Zitat\" 'eins' \uFFFD Ende";
        foreach (var path in new[] { "/rss.xml", "/atom.xml", "/thema/tag-x/rss.xml", "/autor/mallory-script/atom.xml" })
        {
            using var response = await site.SendAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.BytesAsync();
            FeedResponses.ParseXml(bytes);
            var item = FeedResponses.LoadFeed(bytes).Items.Single();
            Assert.Equal(cleanTitle, item.Title.Text);
            Assert.Equal("Zusammenfassung & <mehr> ", item.Summary.Text);
            Assert.Equal(["Tag ]]> <x>"], item.Categories.Select(c => c.Name));
        }

        using var atom = await site.SendAsync("/atom.xml");
        var atomHtml = ((System.ServiceModel.Syndication.TextSyndicationContent)FeedResponses.LoadFeed(await atom.BytesAsync()).Items.Single().Content).Text;
        Assert.Equal("<p>Vorher ]]> <![CDATA[ x ]]> \uFFFD &lt;script&gt; nachher 😀</p>", atomHtml);

        using var json = await site.SendAsync("/feed.json");
        using var document = JsonDocument.Parse(await json.BytesAsync());
        var entry = document.RootElement.GetProperty("items")[0];
        Assert.Equal(cleanTitle, entry.GetProperty("title").GetString());
        Assert.Equal("<p>Vorher ]]> <![CDATA[ x ]]> \uFFFD &lt;script&gt; nachher 😀</p>", entry.GetProperty("content_html").GetString());
    }

    [Fact]
    public async Task AnEdit_ChangesTheETag_SoTheNextConditionalGetGetsTheNewFeed()
    {
        var clock = new TestClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("a.md", Article("Erste Fassung", "2025-05-01T10:00:00"))), clock: clock);
        using var before = await site.SendAsync("/rss.xml");
        var etag = before.Headers.ETag!.ToString();

        var articles = site.Services.GetRequiredService<SiteStorage>();
        var parser = site.Services.GetRequiredService<ArticleParser>();
        clock.Advance(TimeSpan.FromMinutes(1));
        var id = (await articles.Listings.ListLatestAsync(ArticleScope.Site, 1, clock.Now, Token)).Single().Id;
        await articles.Articles.UpdateAsync(id, 1, parser.Parse("a.md", Article("Zweite Fassung", "2025-05-01T10:00:00")), new ArticleOrigin(RevisionOrigin.Editor, "test", null), Token);

        using var after = await site.SendAsync("/rss.xml", null, ("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag!.ToString());
        Assert.Equal(["Zweite Fassung"], FeedResponses.LoadFeed(await after.BytesAsync()).Items.Select(i => i.Title.Text));
        Assert.Equal(clock.Now.ToUnixTimeSeconds(), after.Content.Headers.LastModified!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task AScheduledArticleComingDue_ChangesTheETagWithoutAnyWrite()
    {
        var clock = new TestClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(
            ("a.md", Article("Heute", "2025-05-01T10:00:00")), ("b.md", Article("Morgen", "2025-06-02T10:00:00"))), clock: clock);
        using var before = await site.SendAsync("/rss.xml");
        var etag = before.Headers.ETag!.ToString();

        clock.Now = new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);
        using var after = await site.SendAsync("/rss.xml", null, ("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(["Morgen", "Heute"], FeedResponses.LoadFeed(await after.BytesAsync()).Items.Select(i => i.Title.Text));
    }
}
