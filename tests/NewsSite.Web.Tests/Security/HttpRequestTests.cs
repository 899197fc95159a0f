using System.Net;
using System.Xml.Linq;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// HEAD, Range and a spoofed Host header. Conditional GET is in Caching/HttpCachingTests; what needs a real Kestrel
/// (oversized headers, TRACE, the Server header) is in HttpHardeningTests.
/// </summary>
public class HttpRequestTests(HttpRequestTests.HttpSite site) : IClassFixture<HttpRequestTests.HttpSite>
{
    private const string BaseUrl = "https://nachrichten.example";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public sealed class HttpSite() : NewsSiteFactory(ContentFolder(
        ("eins.md", "---\ntitle: Eins\nauthor: Anna Berger\ndate: 2025-03-01T10:00:00\ntags: [Köln]\n---\n\nText.\n")));

    private async Task<string> StylesheetAsync()
    {
        var (_, home) = await site.GetPageAsync("/");
        return home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
    }

    public static readonly TheoryData<string> Resources = new()
    {
        "/", "/artikel/eins", "/thema/koeln", "/suche?q=eins", "/rss.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/robots.txt",
        "/gibt-es-nicht", "/?seite=0",
    };

    /// <summary>
    /// HEAD gets GET's status and headers. Dropping the body is the server's job: Kestrel sends none for HEAD, while the
    /// in-memory test server passes on what a page wrote (HttpHardeningTests checks that on a real server).
    /// </summary>
    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Head_AnswersLikeGet(string path)
    {
        using var get = await site.SendAsync(path);
        using var head = await site.SendAsync(path, HttpMethod.Head);

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.LastModified, head.Content.Headers.LastModified);
        Assert.Equal(get.Headers.CacheControl?.ToString(), head.Headers.CacheControl?.ToString());
        Assert.NotEmpty(await get.BytesAsync());
    }

    /// <summary>Feeds, sitemaps and static files write no body for HEAD themselves.</summary>
    [Theory]
    [InlineData("/rss.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("stylesheet")]
    public async Task Head_OnFeedsAndFiles_HasNoBody(string path)
    {
        path = path == "stylesheet" ? await StylesheetAsync() : path;
        using var get = await site.SendAsync(path);
        using var head = await site.SendAsync(path, HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.NotEmpty(await get.BytesAsync());
        Assert.Empty(await head.BytesAsync());
    }

    /// <summary>Pages and feeds are made per request and ignore Range: the whole answer, 200, no Content-Range.</summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/artikel/eins")]
    [InlineData("/rss.xml")]
    public async Task Range_OnAPage_GetsTheWholePage(string path)
    {
        using var full = await site.SendAsync(path);
        using var ranged = await site.SendAsync(path, null, ("Range", "bytes=0-9"));

        Assert.Equal(HttpStatusCode.OK, ranged.StatusCode);
        Assert.Null(ranged.Content.Headers.ContentRange);
        Assert.Equal(await full.BytesAsync(), await ranged.BytesAsync());
    }

    /// <summary>
    /// Static files honour Range: 206 with the range named, 416 (with the German error page) for a range past the end; a malformed range or one
    /// of hundreds of parts is ignored (the whole file, 200). The in-memory test server sends the whole file as the
    /// body of the 206, so the body's length is not checked here.
    /// </summary>
    [Fact]
    public async Task Range_OnAStaticFile_Gets206_Or416PastTheEnd()
    {
        var css = await StylesheetAsync();
        using var full = await site.SendAsync(css);
        var bytes = await full.BytesAsync();

        using var part = await site.SendAsync(css, null, ("Range", "bytes=0-9"));
        using var past = await site.SendAsync(css, null, ("Range", $"bytes={bytes.Length + 100}-"));
        using var nonsense = await site.SendAsync(css, null, ("Range", "bytes=9-0"));
        using var many = await site.SendAsync(css, null, ("Range", string.Join(',', Enumerable.Range(0, 500).Select(i => $"bytes={i}-{i}"))));

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal($"bytes 0-9/{bytes.Length}", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, past.StatusCode);
        Assert.Contains("<h1", await past.Content.ReadAsStringAsync(Token), StringComparison.Ordinal); // the German error page
        Assert.Equal(HttpStatusCode.OK, nonsense.StatusCode);
        Assert.Equal(bytes, await nonsense.BytesAsync());
        Assert.Equal(HttpStatusCode.OK, many.StatusCode);
    }

    /// <summary>
    /// Absolute links come from NewsSite:BaseUrl, never from the request: a spoofed Host or X-Forwarded-Host cannot put
    /// another site's address into a page, a feed or a sitemap, nor into the copy the output cache keeps for others.
    /// </summary>
    [Theory]
    // A foreign Host is refused outright (ForgedHostTests); the site's own host on another port is answered.
    [InlineData("Host", "nachrichten.example:8443")]
    [InlineData("X-Forwarded-Host", "evil.example")]
    public async Task SpoofedHost_NeverReachesAnAbsoluteLink(string header, string value)
    {
        foreach (var path in new[] { "/artikel/eins", "/thema/koeln", "/" })
        {
            using var spoofed = await site.SendAsync(path, null, (header, value));
            var html = await spoofed.Content.ReadAsStringAsync(Token);
            var page = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(html, Token);

            Assert.Equal(HttpStatusCode.OK, spoofed.StatusCode);
            Assert.DoesNotContain(value, html, StringComparison.Ordinal);
            Assert.StartsWith(BaseUrl + "/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
            Assert.StartsWith(BaseUrl + "/", page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"), StringComparison.Ordinal);

            // The next reader, with an honest Host, may get the cached copy: it must hold the same addresses.
            var (honest, honestPage, _) = await site.GetCachedPageAsync(path);
            Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
            Assert.DoesNotContain(value, honestPage.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/rss.xml", "/atom.xml", "/feed.json", "/thema/koeln/atom.xml", "/sitemap.xml", "/sitemaps/artikel-1.xml", "/robots.txt" })
        {
            using var spoofed = await site.SendAsync(path, null, (header, value));
            var text = await spoofed.Content.ReadAsStringAsync(Token);

            Assert.Equal(HttpStatusCode.OK, spoofed.StatusCode);
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
            Assert.Contains(BaseUrl + "/", text, StringComparison.Ordinal);
            if (path.EndsWith(".xml", StringComparison.Ordinal))
            {
                var links = FeedResponses.ParseXml(await spoofed.BytesAsync()).Descendants()
                    .SelectMany(e => e.Name.LocalName is "loc" or "link" or "id" && !e.HasElements ? [e.Value] : e.Attributes("href").Select(a => a.Value))
                    .Where(l => l.StartsWith("http", StringComparison.Ordinal));
                Assert.All(links, l => Assert.StartsWith(BaseUrl + "/", l, StringComparison.Ordinal));
            }
        }
    }
}
