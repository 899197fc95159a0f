using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsSite.Web.Accounts;
using NewsSite.Web.Hosting;
using NewsSite.Web.Nodes;

namespace NewsSite.Web.Hardening;

/// <summary>
/// Requests per client address and minute for the two pages whose every request costs real work: search (a
/// full-text query, which a varied q keeps out of the page cache) and the login form (a password hash). Over the
/// limit, the answer is 429 with Retry-After and the German error page. Searches are also limited in how many run
/// at once, per address (429) and on the whole site, with a short queue (503), so that searches never hold every
/// core. Pages opt in by <see cref="EnableRateLimitingAttribute"/>.
/// With several nodes sharing a Redis, the per-minute counts live there (<see cref="SharedTokenBucket"/>), so that a
/// client's allowance is the site's, not each node's. The searches at once stay per node on purpose: they protect
/// this node's cores, which a search on another node does not use.
/// </summary>
public static class RequestRateLimits
{
    public const string SearchPolicy = "suche";
    public const string LoginPolicy = "anmeldung";

    public static WebApplicationBuilder AddRequestRateLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(services =>
        {
            var site = services.GetRequiredService<IOptions<NewsSiteOptions>>().Value;
            return new SiteWideSearchLimiter(site.SearchesAtOnce, site.SearchQueueLength);
        });
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) =>
            {
                var response = rejected.HttpContext.Response;
                var busy = rejected.Lease.TryGetMetadata(SiteWideSearchLimiter.BusyMetadata, out object? _);

                // A concurrency limit frees up when a search ends, well within a second.
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var untilRefilled) ? untilRefilled : TimeSpan.FromSeconds(1);
                response.StatusCode = busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

                var logger = rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestRateLimits));
                var address = LoginThrottle.ClientAddress(rejected.HttpContext);
                if (busy)
                {
                    logger.LogWarning("Suche ausgelastet: {Path} von {Address} abgewiesen", rejected.HttpContext.Request.Path.Value, address);
                }
                else
                {
                    logger.LogWarning("Zu viele Anfragen an {Path} von {Address}", rejected.HttpContext.Request.Path.Value, address);
                }

                return ValueTask.CompletedTask;
            };

            options.AddPolicy(SearchPolicy, SearchLimits);

            // Showing the login form costs nothing; only sending it is counted.
            options.AddPolicy(LoginPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? PerAddress(context, LoginPolicy, site => site.LoginRequestsPerMinute)
                : RateLimitPartition.GetNoLimiter("anzeigen"));
        });
        builder.Services.TryAddSingleton<SharedCounts>();
        return builder;
    }

    /// <summary>
    /// Per address, in this order: its rate, its searches at once (no queue: a reader's browser sends one at a time),
    /// and then the site's searches at once, where it may wait briefly. The chain refuses with the first link that
    /// refuses and holds the earlier links' permits while a later one queues, so one address can queue at most as
    /// many searches as it may run.
    /// </summary>
    private static RateLimitPartition<string> SearchLimits(HttpContext context)
    {
        var site = context.RequestServices.GetRequiredService<IOptions<NewsSiteOptions>>().Value;
        var siteWide = context.RequestServices.GetRequiredService<SiteWideSearchLimiter>();
        var address = LoginThrottle.ClientAddress(context);

        // Only the rate is counted across nodes; the searches at once are this node's, like the cores they guard.
        return RateLimitPartition.Get(address, _ => RateLimiter.CreateChained(
            PerMinute(context, SearchPolicy, address, site.SearchRequestsPerMinute),
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = site.SearchesAtOncePerAddress, QueueLimit = 0 }),
            siteWide));
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, string policy, Func<NewsSiteOptions, int> perMinute)
    {
        var limit = perMinute(context.RequestServices.GetRequiredService<IOptions<NewsSiteOptions>>().Value);
        var address = LoginThrottle.ClientAddress(context);
        return RateLimitPartition.Get(address, _ => PerMinute(context, policy, address, limit));
    }

    /// <summary>The address's bucket: this node's own, or with Redis the one every node shares.</summary>
    private static RateLimiter PerMinute(HttpContext context, string policy, string address, int perMinute)
    {
        var counts = context.RequestServices.GetRequiredService<SharedCounts>();
        return counts.Shared
            ? new SharedTokenBucket(policy, address, perMinute, counts, context.RequestServices.GetRequiredService<TimeProvider>())
            : new TokenBucketRateLimiter(Bucket(perMinute));
    }

    /// <summary>
    /// A bucket that holds a minute's allowance and refills evenly, so a reader's burst of a few searches passes while
    /// a steady stream is held to the rate.
    /// </summary>
    internal static TokenBucketRateLimiterOptions Bucket(int perMinute)
    {
        // Refilled at most once a second (the limiter's timer is not meant for finer steps), in portions that add up
        // to the limit per minute.
        var period = TimeSpan.FromSeconds(Math.Max(1, 60.0 / perMinute));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = (int)Math.Round(perMinute * period.TotalSeconds / 60),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
