using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Web.Hosting;
using NewsSite.Web.Nodes;

namespace NewsSite.Web.Caching;

/// <summary>
/// The public pages' speed: the output cache with exact eviction, and compression. Pages and feeds opt in with
/// <see cref="PolicyName"/>; the admin never does, and is never compressed either (see <see cref="UsePageCache"/>).
/// </summary>
public static class PageCaching
{
    /// <summary>Listings and search: the page number and the query are part of the key.</summary>
    public const string PolicyName = "PublicPage";

    /// <summary>
    /// Everything else (articles, the archive and tag overviews, feeds, sitemaps): no query string is part of the key,
    /// so "?seite=2", "?seite=3" … get the one cached copy instead of each running the page's statements anew. The
    /// listing sitemap costs 2 s to build at 100,000 articles; before, any query string rebuilt it.
    /// </summary>
    public const string UnpagedPolicyName = "PublicPageWithoutQuery";

    /// <summary>A safety net only: eviction is exact, so a page would otherwise be right for as long as it is kept.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>For answers that change with time alone, like the Google News sitemap's last 48 hours.</summary>
    public const string ShortLivedPolicyName = "PublicShortLived";

    private static readonly TimeSpan ShortLifetime = TimeSpan.FromMinutes(5);

    private const long Megabyte = 1024L * 1024;

    // What the site sends as text; images and the fingerprinted static assets are compressed already.
    private static readonly string[] CompressedTypes =
    [
        "text/html", "application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
        "application/feed+json", "application/json", "text/plain",
    ];

    public static WebApplicationBuilder AddPageCaching(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddSingleton<IPageCache>(sp =>
        {
            var site = sp.GetRequiredService<IOptions<NewsSiteOptions>>().Value;
            var requests = sp.GetRequiredService<IHttpContextAccessor>();
            if (sp.GetRequiredService<SharedRedis>().Connection is not { } redis)
            {
                return new PageCacheStore(site.OutputCacheMegabytes * Megabyte, requests);
            }

            var local = site.LocalPageCacheMegabytes > 0 ? new PageCacheStore(site.LocalPageCacheMegabytes * Megabyte, requests) : null;
            return new SharedPageCache(redis, local, requests, sp.GetRequiredService<ILogger<SharedPageCache>>());
        });
        services.AddSingleton<RelatedArticlesCache>();
        services.AddSingleton<RessortArticlesCache>();
        services.AddSingleton<Ressorts.RessortNavigation>();
        services.AddSingleton<ContentChangeFollower>();

        services.AddOutputCache(options =>
        {
            // "/autor/Anna-Berger" is not "/autor/anna-berger" (it is a 404): one cached copy must not answer both.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(PolicyName, policy => Public(policy).SetVaryByQuery("seite", "q").Expire(Lifetime));
            options.AddPolicy(UnpagedPolicyName, policy => Public(policy).SetVaryByQuery([]).Expire(Lifetime));
            options.AddPolicy(ShortLivedPolicyName, policy => Public(policy).SetVaryByQuery([]).Expire(ShortLifetime));
        });

        // Registered after AddOutputCache, so that the middleware gets this store instead of the framework's.
        services.AddSingleton<IOutputCacheStore>(sp => sp.GetRequiredService<IPageCache>());

        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // safe here: public pages carry no secret (BREACH), the admin is left out
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedTypes;
        });

        // Each page is compressed once, when it enters the cache, so the better ratio is worth its time.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return builder;
    }

    // Each policy names the query parameters its pages read, and no others: "?x=1" cannot fill the cache with
    // copies of one page.
    private static OutputCachePolicyBuilder Public(OutputCachePolicyBuilder policy) => policy
        .Tag(PageCacheTags.Everything)

        // Nor can a forged Host header: no page depends on it (every absolute URL comes from NewsSite:BaseUrl).
        .SetVaryByHost(false)

        // One stored copy per content coding the compression middleware will choose (br, gzip or none), not per
        // spelling of Accept-Encoding.
        .VaryByValue(context => new KeyValuePair<string, string>(
            "coding",
            context.RequestServices.GetRequiredService<IResponseCompressionProvider>().GetCompressionProvider(context)?.EncodingName
                ?? "identity"));

    /// <summary>
    /// Eviction first (a scheduled article that came due must not be answered from the cache), then the cache, then
    /// compression, so that the cache keeps compressed pages. The admin skips compression: its pages hold
    /// antiforgery tokens next to reflected input, which is what BREACH needs.
    /// </summary>
    public static void UsePageCache(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var store = app.Services.GetRequiredService<IPageCache>();
        var follower = app.Services.GetRequiredService<ContentChangeFollower>();
        var enabled = IsEnabled(app.Services);

        // Also without the page cache: the related-articles cache and the validators' version follow the journal too.
        app.Use(async (context, next) =>
        {
            await follower.BeforeRequestAsync(context.RequestAborted);
            if (enabled)
            {
                store.MarkRequestStart(context);
            }

            await next(context);
        });
        if (enabled)
        {
            app.UseOutputCache();
        }

        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseResponseCompression());
    }

    /// <summary>Starts following the journal; after the database is ready, before the first request.</summary>
    public static async Task StartPageCacheAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await services.GetRequiredService<ContentChangeFollower>().StartAsync(
            services.GetRequiredService<ContentChangeSignal>(), cancellationToken);
    }

    private static bool IsEnabled(IServiceProvider services) =>
        services.GetRequiredService<IOptions<NewsSiteOptions>>().Value.OutputCacheEnabled;
}
