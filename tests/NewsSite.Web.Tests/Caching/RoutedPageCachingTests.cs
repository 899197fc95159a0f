using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Health;
using NewsSite.Web.Syndication;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Caching;

/// <summary>
/// Every route a reader can reach says how it is cached, next to itself: into the page cache with a tag scope, or
/// kept out of it with a reason. A new public page without either fails here, named, rather than being served
/// uncached (or cached without tags, and never evicted) unnoticed. And the declared tags are the real ones: each
/// cached kind of page, once in the cache, comes fresh after its own tag alone is evicted through the store.
/// </summary>
public class RoutedPageCachingTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static NewsSiteFactory Site() => new(
        NewsSiteFactory.ContentFolder(
            ("seiten/impressum.md", "---\ntitle: Impressum\n---\n\nMusterverlag.\n"),
            ("ressorts.yml", "- name: Politik\n"),
            ("haupt.md", "---\ntitle: Haupt\nressort: Politik\nslug: haupt\nauthor: Erika Muster\ntags: [Köln]\ndate: 2025-05-01T10:00:00\n---\n\nText über Haupt.\n")),
        clock: new TestClock(Now));

    /// <summary>For each cached route: an address of it on <see cref="Site"/>, and the tag that must evict it.</summary>
    private static Dictionary<string, (string Path, string Tag)> CachedRouteSamples()
    {
        var site = PageCacheTags.Site;
        var article = PageCacheTags.Article("haupt");
        var tag = PageCacheTags.Tag("koeln");
        var author = PageCacheTags.Author("erika-muster");
        var ressort = PageCacheTags.Ressort("politik");
        var samples = new Dictionary<string, (string Path, string Tag)>(StringComparer.Ordinal)
        {
            ["/"] = ("/", site),
            ["/archiv"] = ("/archiv", site),
            ["/archiv/{year}/{month}"] = ("/archiv/2025/05", site),
            ["/suche"] = ("/suche?q=haupt", site),
            ["/themen"] = ("/themen", site),
            [SiteUrls.CorrectionsPath] = (SiteUrls.CorrectionsPath, site),
            ["/artikel/{slug}"] = ("/artikel/haupt", article),
            ["/thema/{slug}"] = ("/thema/koeln", tag),
            ["/autor/{slug}"] = ("/autor/erika-muster", author),
            ["/{slug}"] = ("/impressum", PageCacheTags.SitePage("impressum")),
            ["/ressort/{slug}"] = ("/ressort/politik", ressort),
            [SitemapEndpoints.IndexPath] = (SitemapEndpoints.IndexPath, site),
            ["/sitemaps/seiten-{part:int}.xml"] = ("/sitemaps/seiten-1.xml", site),
            ["/sitemaps/artikel-{part:int}.xml"] = ("/sitemaps/artikel-1.xml", site),
            [SitemapEndpoints.NewsPath] = (SitemapEndpoints.NewsPath, site),
        };
        foreach (var format in FeedFormat.All)
        {
            samples[FeedEndpoints.PathFor("/", format)] = (FeedEndpoints.PathFor("/", format), site);
            samples[FeedEndpoints.PathFor("/thema/{slug}", format)] = (FeedEndpoints.PathFor("/thema/koeln", format), tag);
            samples[FeedEndpoints.PathFor("/autor/{slug}", format)] = (FeedEndpoints.PathFor("/autor/erika-muster", format), author);
            samples[FeedEndpoints.PathFor("/ressort/{slug}", format)] = (FeedEndpoints.PathFor("/ressort/politik", format), ressort);
        }

        return samples;
    }

    private static string Route(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText?.TrimStart('/');

    /// <summary>Every routed endpoint but the admin's (never cached, behind the login), health checks and static files.</summary>
    private static List<RouteEndpoint> PublicEndpoints(NewsSiteFactory site) =>
        [.. site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !Route(e).StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            .Where(e => !HealthEndpoints.IsHealthPath(new PathString(Route(e))))
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null && Route(e) != StaticFileFallback)];

    // MapStaticAssets' catch-all for files missing from the build manifest, mapped when static web assets are on
    // (as in these tests): it only matches paths ending in a file extension.
    private const string StaticFileFallback = "/{**path:file}";

    private static bool HasOutputCachePolicy(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<OutputCacheAttribute>() is not null || endpoint.Metadata.GetMetadata<IOutputCachePolicy>() is not null;

    private static bool IsDeclaredCached(Endpoint endpoint) =>
        HasOutputCachePolicy(endpoint) && endpoint.Metadata.GetMetadata<CachedPublicPageAttribute>() is not null;

    private static bool IsKeptOutOfCache(Endpoint endpoint) =>
        !HasOutputCachePolicy(endpoint) && endpoint.Metadata.GetMetadata<KeptOutOfPageCacheAttribute>() is not null;

    [Fact]
    public async Task EveryPublicRoute_IsDeclaredCachedWithATagScope_OrKeptOutOfTheCacheOnPurpose()
    {
        await using var site = Site();
        var endpoints = PublicEndpoints(site);

        // Else a broken filter above would pass this test with nothing to check.
        Assert.Contains(endpoints, e => Route(e) == "/artikel/{slug}");
        Assert.Contains(endpoints, e => Route(e) == "/rss.xml");

        var undeclared = endpoints.Where(e => !IsDeclaredCached(e) && !IsKeptOutOfCache(e))
            .Select(e => $"{Route(e)} ({e.DisplayName})").ToList();
        Assert.True(
            undeclared.Count == 0,
            "Public routes without a caching declaration ([CachedPublicPage(…)] or [KeptOutOfPageCache(\"why\")] on the page model, "
                + ".CacheAsPublicPage(…) or .KeepOutOfPageCache(\"why\") where an endpoint is mapped), or with a policy but no declaration: "
                + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task EachCachedRoute_IsServedFromTheCache_UntilTheTagItDeclaresIsEvicted()
    {
        await using var site = Site();
        var store = site.Services.GetRequiredService<IPageCache>();
        var samples = CachedRouteSamples();

        // A new cached route needs a sample here, so that its tags are proven too.
        var cachedRoutes = PublicEndpoints(site).Where(IsDeclaredCached).Select(Route).ToHashSet(StringComparer.Ordinal);
        var withoutSample = cachedRoutes.Except(samples.Keys).ToList();
        Assert.True(withoutSample.Count == 0, "Cached routes without a sample in CachedRouteSamples: " + string.Join(", ", withoutSample));
        var noLongerCached = samples.Keys.Except(cachedRoutes).ToList();
        Assert.True(noLongerCached.Count == 0, "Samples of routes that are no longer cached: " + string.Join(", ", noLongerCached));

        foreach (var (route, (path, tag)) in samples)
        {
            var (first, _, _) = await site.GetCachedPageAsync(path);
            Assert.True(first.IsSuccessStatusCode, $"{route} ({path}): {first.StatusCode}");
            Assert.True((await site.GetCachedPageAsync(path)).FromCache, $"{route} ({path}) should be answered from the cache");

            // Pages that tag themselves show one article, tag or author: a change elsewhere on the site leaves them be.
            if (tag != PageCacheTags.Site)
            {
                await store.EvictByTagAsync(PageCacheTags.Site, Token);
                Assert.True((await site.GetCachedPageAsync(path)).FromCache, $"{route} ({path}) should not carry the site tag");
            }

            await store.EvictByTagAsync(tag, Token);
            Assert.False((await site.GetCachedPageAsync(path)).FromCache, $"{route} ({path}) should carry the tag {tag}");
        }
    }
}
