using System.Net;
using System.ServiceModel.Syndication;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Tags;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// Every XML document the site sends (RSS and Atom of the site, a tag and an author, the sitemaps) stays well-formed
/// XML 1.0 whatever an article holds, and carries the text as text. Syndication/FeedContentTests covers the JSON feed.
/// </summary>
public class FeedInputTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string[] Feeds =
    [
        "/rss.xml", "/atom.xml", "/thema/tag-x/rss.xml", "/thema/tag-x/atom.xml", "/autor/mallory-x/rss.xml", "/autor/mallory-x/atom.xml",
    ];

    private static readonly string[] Sitemaps = ["/sitemap-news.xml", "/sitemaps/artikel-1.xml", "/sitemaps/seiten-1.xml"];

    /// <summary>What an editor can write: the parser refuses control characters, but "]]>", "&amp;" and markup are text.</summary>
    [Fact]
    public async Task MarkupAmpersandsAndCdataEnds_FromAnUploadedFile_StayText()
    {
        const string title = "A & B ]]> <script>alert(1)</script> \"Zitat\"";
        const string summary = "Ende ]]> & <b>fett</b>";
        var file = "---\ntitle: '" + title + "'\nauthor: 'Mallory <x>'\ndate: 2025-03-01T10:00:00\ntags: ['Tag <x>']\nsummary: '" + summary + "'\n---\n\n"
            + "Vorher ]]> <![CDATA[ x ]]> &amp; <script>alert(2)</script> nachher.\n";
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("boese.md", file)));

        foreach (var path in Feeds)
        {
            var item = await SingleItemAsync(site, path);
            Assert.Equal(title, item.Title.Text);
            Assert.Equal(summary, item.Summary.Text);
            var html = path.EndsWith("atom.xml", StringComparison.Ordinal)
                ? ((TextSyndicationContent)item.Content).Text
                : item.ElementExtensions.ReadElementExtensions<string>("encoded", "http://purl.org/rss/1.0/modules/content/").Single();
            Assert.Equal("<p>Vorher ]]&gt; &lt;![CDATA[ x ]]&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt; nachher.</p>", html.Trim());
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        }

        await AssertSitemapsParseAsync(site);
    }

    /// <summary>
    /// Stored text no editor form lets through (an older database, a future import path): characters XML 1.0 forbids
    /// are left out, so no feed reader ever sees a document it must reject.
    /// </summary>
    [Fact]
    public async Task ControlCharactersInTheStore_AreLeftOut_AndEveryDocumentStillParses()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using (await site.SendAsync("/"))
        {
        }

        var content = new ArticleContent(
            "Titel\u0001 mit\u000B Steuer\uFFFEzeichen ]]> &", "steuer", "Mallory \u0001X", new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero), null,
            [TagName.TryCreate("Tag \u000BX")!], "Kurz\u0001 \u000Bgefasst\uFFFE", false,
            "<p>Körper\u0001 mit\u000B Zeichen\uFFFE ]]> &amp; &lt;script&gt;</p>", "# roh", "hash");
        await site.Services.GetRequiredService<IArticleStore>().CreateAsync(content, new ArticleOrigin(RevisionOrigin.Editor, "test", null), Token);

        foreach (var path in Feeds)
        {
            var item = await SingleItemAsync(site, path);
            Assert.Equal("Titel mit Steuerzeichen ]]> &", item.Title.Text);
            Assert.Equal("Kurz gefasst", item.Summary.Text);
        }

        await AssertSitemapsParseAsync(site);
    }

    private static async Task<SyndicationItem> SingleItemAsync(NewsSiteFactory site, string path)
    {
        using var response = await site.SendAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        var bytes = await response.BytesAsync();
        FeedResponses.ParseXml(bytes);
        return FeedResponses.LoadFeed(bytes).Items.Single();
    }

    private static async Task AssertSitemapsParseAsync(NewsSiteFactory site)
    {
        foreach (var path in Sitemaps)
        {
            using var response = await site.SendAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            FeedResponses.ParseXml(await response.BytesAsync());
        }
    }
}
