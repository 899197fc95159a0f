using System.IO.Compression;
using System.Net;
using System.Text;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Caching;

/// <summary>
/// What browsers and proxies see: validators and 304 on pages (from the output cache and without it), compressed
/// answers, and fingerprinted static files.
/// </summary>
public class HttpCachingTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string slug, string title, string tags) =>
        $"---\ntitle: {title}\nslug: {slug}\nauthor: Erika Muster\ntags: [{tags}]\ndate: 2025-05-01T10:00:00\n---\n\n"
        + string.Concat(Enumerable.Repeat($"Ein langer Absatz über {title}, damit sich das Packen lohnt. ", 40)) + "\n";

    private static NewsSiteFactory Site(bool outputCache = true) => new(
        NewsSiteFactory.ContentFolder(("a.md", Article("erster", "Erster", "Köln")), ("b.md", Article("zweiter", "Zweiter", "Köln"))),
        clock: new TestClock(Now))
    {
        Settings = new Dictionary<string, string?> { ["NewsSite:OutputCacheEnabled"] = outputCache ? "true" : "false" },
    };

    public static TheoryData<bool, string> PagesWithAndWithoutCache => new()
    {
        { true, "/artikel/erster" }, { true, "/" }, { true, "/thema/koeln" }, { true, "/autor/erika-muster" }, { true, "/suche?q=erster" },
        { false, "/artikel/erster" }, { false, "/" }, { false, "/thema/koeln" }, { false, "/autor/erika-muster" }, { false, "/suche?q=erster" },
    };

    [Theory]
    [MemberData(nameof(PagesWithAndWithoutCache))]
    public async Task Page_HasValidators_AndAnswers304ToACurrentCopy(bool outputCache, string path)
    {
        await using var site = Site(outputCache);

        var first = await site.SendAsync(path);
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;
        var byTag = await site.SendAsync(path, headers: ("If-None-Match", etag.ToString()));
        var byDate = await site.SendAsync(path, headers: ("If-Modified-Since", lastModified.ToString("R")));
        var stale = await site.SendAsync(path, headers: ("If-None-Match", "W/\"veraltet\""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(etag.IsWeak);
        Assert.Equal("public, no-cache", first.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Empty(await byTag.BytesAsync());
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AfterAnEdit_TheOldETagGetsTheNewPage(bool outputCache)
    {
        await using var site = Site(outputCache);
        using var editor = await AdminClient.LoginAsync(site);
        var before = await site.SendAsync("/artikel/erster");

        await editor.SubmitAsync(await editor.EditUrlOfAsync("Erster"), "form#editor", new() { ["Fields.Title"] = "Erster, geändert" }, "Änderungen veröffentlichen");
        var after = await site.SendAsync("/artikel/erster", headers: ("If-None-Match", before.Headers.ETag!.ToString()));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains("Erster, geändert", Encoding.UTF8.GetString(await after.BytesAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task PagesAndFeeds_AreCompressed_AndUnpackToTheSameBytes(string coding)
    {
        await using var site = Site();
        foreach (var path in new[] { "/artikel/erster", "/", "/rss.xml", "/feed.json", "/sitemap.xml" })
        {
            var plain = await site.SendAsync(path);
            var packed = await site.SendAsync(path, headers: ("Accept-Encoding", coding));
            var packedAgain = await site.SendAsync(path, headers: ("Accept-Encoding", coding));

            Assert.Null(plain.Content.Headers.ContentEncoding.SingleOrDefault());
            Assert.Equal(coding, packed.Content.Headers.ContentEncoding.Single());
            Assert.Contains("Accept-Encoding", packed.Headers.Vary);
            var unpacked = Unpack(coding, await packed.BytesAsync());
            Assert.Equal(await plain.BytesAsync(), unpacked);
            Assert.True((await packed.BytesAsync()).Length < unpacked.Length, $"{path} packed to {(await packed.BytesAsync()).Length} of {unpacked.Length} bytes");

            // The cache keeps one copy per coding: the second compressed answer is the stored one, still compressed.
            Assert.NotNull(packedAgain.Headers.Age);
            Assert.Equal(coding, packedAgain.Content.Headers.ContentEncoding.Single());
        }
    }

    [Fact]
    public async Task BrowsersAcceptEncoding_GetsBrotli_AndTheAdminIsNeverCompressed()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var page = await site.SendAsync("/", headers: ("Accept-Encoding", "gzip, deflate, br, zstd"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
        var admin = await editor.Http.SendAsync(request, Token);

        Assert.Equal("br", page.Content.Headers.ContentEncoding.Single());
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Empty(admin.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task StaticFiles_AreLinkedByFingerprintedNames()
    {
        // Their year-long Cache-Control comes from the publish manifest: PublishedAppTests checks it on the published app.
        await using var site = Site();
        var (_, home) = await site.GetPageAsync("/");

        var styles = home.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Equal(2, styles.Count);
        Assert.Matches(@"^/css/fonts\.[a-z0-9]{10}\.css$", styles[0]);
        Assert.Matches(@"^/css/site\.[a-z0-9]{10}\.css$", styles[1]);
        Assert.Matches(@"^/favicon\.[a-z0-9]{10}\.svg$", home.QuerySelector("link[rel=icon]")!.GetAttribute("href")!);
    }

    private static byte[] Unpack(string coding, byte[] packed)
    {
        using var input = new MemoryStream(packed);
        using Stream decoder = coding == "br"
            ? new BrotliStream(input, CompressionMode.Decompress)
            : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
