using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NewsSite.Web.Accounts;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Hardening;

/// <summary>
/// Requests per client address and minute for the two pages whose every request costs real work: search (a
/// full-text query, which a varied q keeps out of the page cache) and the login form (a password hash). Over the
/// limit, the answer is 429 with Retry-After and the German error page. Pages opt in by <see cref="EnableRateLimitingAttribute"/>.
/// </summary>
public static class RequestRateLimits
{
    public const string SearchPolicy = "suche";
    public const string LoginPolicy = "anmeldung";

    public static WebApplicationBuilder AddRequestRateLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter =
                        ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestRateLimits))
                    .LogWarning("Zu viele Anfragen an {Path} von {Address}", rejected.HttpContext.Request.Path.Value, LoginThrottle.ClientAddress(rejected.HttpContext));
                return ValueTask.CompletedTask;
            };

            options.AddPolicy(SearchPolicy, context => PerAddress(context, site => site.SearchRequestsPerMinute));

            // Showing the login form costs nothing; only sending it is counted.
            options.AddPolicy(LoginPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? PerAddress(context, site => site.LoginRequestsPerMinute)
                : RateLimitPartition.GetNoLimiter("anzeigen"));
        });
        return builder;
    }

    /// <summary>
    /// A bucket per address that holds a minute's allowance and refills evenly, so a reader's burst of a few searches
    /// passes while a steady stream is held to the rate.
    /// </summary>
    private static RateLimitPartition<string> PerAddress(HttpContext context, Func<NewsSiteOptions, int> perMinute)
    {
        var limit = perMinute(context.RequestServices.GetRequiredService<IOptions<NewsSiteOptions>>().Value);

        // Refilled at most once a second (the limiter's timer is not meant for finer steps), in portions that add up
        // to the limit per minute.
        var period = TimeSpan.FromSeconds(Math.Max(1, 60.0 / limit));
        return RateLimitPartition.GetTokenBucketLimiter(LoginThrottle.ClientAddress(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = (int)Math.Round(limit * period.TotalSeconds / 60),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
