using System.Net;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Caching;

/// <summary>
/// A query string the page does not read cannot make it build anew: pages and feeds without pagination keep one
/// cached copy whatever follows the "?", so that "?seite=2", "?seite=3" … cannot keep the listing sitemap (2 s at
/// 100,000 articles) or the archive (50 ms) busy. Listings and search still key on ?seite= and ?q=.
/// </summary>
public class QueryStringCachingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> UnpagedAddresses => new()
    {
        "/sitemaps/seiten-1.xml", "/sitemaps/artikel-1.xml", "/sitemap.xml", "/sitemap-news.xml", "/archiv", "/themen",
        $"/artikel/{SeededSite.SeedSlug}", "/rss.xml", "/atom.xml", "/feed.json",
    };

    [Theory]
    [MemberData(nameof(UnpagedAddresses))]
    public async Task AQueryStringThePageDoesNotRead_GetsTheCachedCopy_AndRunsNoStatement(string path)
    {
        // A clock that stands still: on a loaded machine a second may pass between two requests, and the journal's
        // poll for other processes' writes (once a second) would run its statements inside the counted request.
        await using var site = new NewsSiteFactory(Repository.ContentDirectory, clock: new TestClock(new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal(HttpStatusCode.OK, (await site.SendAsync(path)).StatusCode);

        foreach (var query in new[] { "?seite=2", "?seite=999999", "?q=x", "?seite=3&q=y&z=1" })
        {
            var (response, _, statements) = await site.GetPageCountingStatementsAsync(path + query);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(response.Headers.Age);
            Assert.Empty(statements);
        }
    }

    [Theory]
    [InlineData("/", "/?seite=1")]
    [InlineData("/suche?q=ukraine", "/suche?q=russland")]
    public async Task ListingsAndSearch_StillKeyOnPageAndQuery(string first, string second)
    {
        await using var site = new SeededSite();
        await site.SendAsync(first);

        var (again, _, cached) = await site.GetCachedPageAsync(first);
        var (other, _, otherCached) = await site.GetCachedPageAsync(second);

        Assert.True(cached);
        Assert.False(otherCached, $"{second} must not get the copy of {first} ({other.StatusCode}, {again.StatusCode}).");
    }
}
