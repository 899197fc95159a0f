using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsSite.Core.Articles;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Syndication;

/// <summary>
/// "/sitemap.xml" is a sitemap index, always, so that the site never outgrows it: it names the parts
/// "/sitemaps/seiten-N.xml" (home, tag and author pages) and "/sitemaps/artikel-N.xml" (articles), each at most
/// <see cref="PartSize"/> URLs, well below the protocol's 50,000. "/sitemap-news.xml" is the Google News sitemap of
/// the last 48 hours; "/robots.txt" names both.
/// </summary>
public sealed class SitemapEndpoints(
    ISitemapReads articles, ContentValidators validators, SiteUrls urls, TimeProvider clock, IOptions<NewsSiteOptions> options)
{
    public const int PartSize = 10_000;
    public const string IndexPath = "/sitemap.xml";
    public const string NewsPath = "/sitemap-news.xml";

    /// <summary>Google News takes articles of the last two days, at most 1,000 of them.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);
    public const int NewsLimit = 1000;

    private const string ContentType = "application/xml; charset=utf-8";
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(IndexPath, Syndication.GetAndHead,
            (HttpContext context, SitemapEndpoints sitemaps) => sitemaps.ServeIndexAsync(context))
            .CacheAsPublicPage(PageCacheScope.SiteWide);
        endpoints.MapMethods("/sitemaps/seiten-{part:int}.xml", Syndication.GetAndHead,
            (HttpContext context, int part, SitemapEndpoints sitemaps) => sitemaps.ServeListingPagesAsync(context, part))
            .CacheAsPublicPage(PageCacheScope.SiteWide);
        endpoints.MapMethods("/sitemaps/artikel-{part:int}.xml", Syndication.GetAndHead,
            (HttpContext context, int part, SitemapEndpoints sitemaps) => sitemaps.ServeArticlesAsync(context, part))
            .CacheAsPublicPage(PageCacheScope.SiteWide);
        endpoints.MapMethods(NewsPath, Syndication.GetAndHead,
            (HttpContext context, SitemapEndpoints sitemaps) => sitemaps.ServeNewsAsync(context))
            .CacheAsPublicPage(PageCacheScope.SiteWide, PageCaching.ShortLivedPolicyName); // its 48 hours move on without any write
        endpoints.MapMethods("/robots.txt", Syndication.GetAndHead,
            (HttpContext context, SitemapEndpoints sitemaps) => sitemaps.ServeRobotsAsync(context))
            .KeepOutOfPageCache("Built from the configuration alone, in no time; crawlers may keep it for an hour (Cache-Control).");
    }

    private static int Parts(int count) => Math.Max(1, (count + PartSize - 1) / PartSize);

    private async Task ServeIndexAsync(HttpContext context)
    {
        var version = await validators.CurrentAsync(context.RequestAborted);
        await ConditionalGet.ServeAsync(context, validators.For(version, IndexPath), ContentType, async cancellationToken =>
        {
            var counts = await articles.CountSitemapEntriesAsync(clock.GetUtcNow(), cancellationToken);

            // Part 1 of the pages holds the home page, so the index always names at least one part.
            var parts = Enumerable.Range(1, Parts(counts.ListingPages)).Select(n => PartPath("seiten", n))
                .Concat(Enumerable.Range(1, counts.Articles == 0 ? 0 : Parts(counts.Articles)).Select(n => PartPath("artikel", n)));
            return Xml(writer =>
            {
                writer.WriteStartElement("sitemapindex", SitemapNamespace);
                foreach (var part in parts)
                {
                    writer.WriteStartElement("sitemap", SitemapNamespace);
                    writer.WriteElementString("loc", SitemapNamespace, urls.Absolute(part));
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            });
        });
    }

    private static string PartPath(string kind, int part) =>
        string.Create(CultureInfo.InvariantCulture, $"/sitemaps/{kind}-{part}.xml");

    /// <summary>Tag and author pages; part 1 also holds the home page (so up to PartSize + 1 URLs, still far below 50,000).</summary>
    private async Task ServeListingPagesAsync(HttpContext context, int part)
    {
        var version = await validators.CurrentAsync(context.RequestAborted);
        var now = clock.GetUtcNow();
        var counts = await articles.CountSitemapEntriesAsync(now, context.RequestAborted);
        if (part < 1 || part > Parts(counts.ListingPages))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await ConditionalGet.ServeAsync(context, validators.For(version, PartPath("seiten", part)), ContentType, async cancellationToken =>
        {
            var entries = new List<(string Path, DateTimeOffset? LastModified)>();
            if (part == 1)
            {
                entries.Add(("/", version.LastChange));
            }

            var pages = await articles.ListSitemapListingPagesAsync(part, PartSize, now, cancellationToken);
            entries.AddRange(pages.Select(p => (PathOf(p), (DateTimeOffset?)p.LastModified)));
            return UrlSet(entries);
        });
    }

    private async Task ServeArticlesAsync(HttpContext context, int part)
    {
        var version = await validators.CurrentAsync(context.RequestAborted);
        var now = clock.GetUtcNow();
        var counts = await articles.CountSitemapEntriesAsync(now, context.RequestAborted);
        if (part < 1 || part > Parts(counts.Articles) || counts.Articles == 0)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await ConditionalGet.ServeAsync(context, validators.For(version, PartPath("artikel", part)), ContentType, async cancellationToken =>
        {
            var entries = await articles.ListSitemapArticlesAsync(part, PartSize, now, cancellationToken);
            return UrlSet(entries.Select(e => (PathOf(e), (DateTimeOffset?)e.LastModified)));
        });
    }

    /// <summary>
    /// The news sitemap also changes as time passes (articles leave the window), which the content version does not
    /// see; so its ETag also covers the listed articles, and it has no Last-Modified.
    /// </summary>
    private async Task ServeNewsAsync(HttpContext context)
    {
        var now = clock.GetUtcNow();
        var version = await validators.CurrentAsync(context.RequestAborted);
        var recent = await articles.ListPublishedSinceAsync(now - NewsWindow, NewsLimit, now, context.RequestAborted);
        var listed = version with { LastChange = null, Stamp = version.Stamp + "|" + string.Join(',', recent.Select(r => r.Id)) };
        var publication = FeedText.Clean(options.Value.SiteName);
        await ConditionalGet.ServeAsync(context, validators.For(listed, NewsPath), ContentType, _ => Task.FromResult(Xml(writer =>
        {
            writer.WriteStartElement("urlset", SitemapNamespace);
            writer.WriteAttributeString("xmlns", "news", null, NewsNamespace);
            foreach (var article in recent)
            {
                writer.WriteStartElement("url", SitemapNamespace);
                writer.WriteElementString("loc", SitemapNamespace, urls.Absolute(SiteUrls.ArticlePath(article.Slug)));
                writer.WriteStartElement("news", NewsNamespace);
                writer.WriteStartElement("publication", NewsNamespace);
                writer.WriteElementString("name", NewsNamespace, publication);
                writer.WriteElementString("language", NewsNamespace, "de");
                writer.WriteEndElement();
                writer.WriteElementString("publication_date", NewsNamespace, MachineTime.Utc(article.PublishedAt));
                writer.WriteElementString("title", NewsNamespace, FeedText.Clean(article.Title));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        })));
    }

    /// <summary>Depends on the configuration only; crawlers fetch it often, so caches may keep it for an hour.</summary>
    private async Task ServeRobotsAsync(HttpContext context)
    {
        var text = $"""
            User-agent: *
            Disallow: /admin

            Sitemap: {urls.Absolute(IndexPath)}
            Sitemap: {urls.Absolute(NewsPath)}

            """;
        context.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromHours(1) };
        await ConditionalGet.WriteAsync(context, Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")), "text/plain; charset=utf-8");
    }

    private static string PathOf(SitemapEntry entry) => entry.Kind switch
    {
        SitemapPageKind.Article => SiteUrls.ArticlePath(entry.Slug),
        SitemapPageKind.Tag => SiteUrls.TagPath(entry.Slug),
        SitemapPageKind.Ressort => SiteUrls.RessortPath(entry.Slug),
        _ => SiteUrls.AuthorPath(entry.Slug),
    };

    private byte[] UrlSet(IEnumerable<(string Path, DateTimeOffset? LastModified)> entries) => Xml(writer =>
    {
        writer.WriteStartElement("urlset", SitemapNamespace);
        foreach (var (path, lastModified) in entries)
        {
            writer.WriteStartElement("url", SitemapNamespace);
            writer.WriteElementString("loc", SitemapNamespace, urls.Absolute(path));
            if (lastModified is { } instant)
            {
                writer.WriteElementString("lastmod", SitemapNamespace, MachineTime.Utc(instant));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    });

    private static byte[] Xml(Action<XmlWriter> write) => SyndicationXml.ToBytes(writer =>
    {
        writer.WriteStartDocument();
        write(writer);
        writer.WriteEndDocument();
    });
}
