using System.Threading.RateLimiting;

namespace NewsSite.Web.Hardening;

/// <summary>
/// The searches running at once on the whole site, with a short queue: one limiter, the last link of every address's
/// chain (<see cref="RequestRateLimits"/>), so that an address's own limits are checked first and one client cannot
/// fill the queue. Its refusals carry <see cref="BusyMetadata"/>, which turns them into 503 rather than 429: the site
/// is busy, not this client too eager. An address's chain may be disposed when the address goes quiet; that leaves
/// this limiter as it is (RateLimiter's own Dispose does nothing, and the queue inside is never disposed).
/// </summary>
public sealed class SiteWideSearchLimiter(int permitLimit, int queueLimit) : RateLimiter
{
    public const string BusyMetadata = "NewsSite.SiteBusy";

    private readonly ConcurrencyLimiter _searches = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = permitLimit,
        QueueLimit = queueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public override TimeSpan? IdleDuration => _searches.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _searches.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Tagged(_searches.AttemptAcquire(permitCount));

    // A search waiting in the queue leaves it when its reader goes (the token is the request's).
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        Tagged(await _searches.AcquireAsync(permitCount, cancellationToken));

    private static RateLimitLease Tagged(RateLimitLease lease) => lease.IsAcquired ? lease : new BusyLease(lease);

    private sealed class BusyLease(RateLimitLease refused) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [.. refused.MetadataNames, BusyMetadata];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == BusyMetadata)
            {
                metadata = true;
                return true;
            }

            return refused.TryGetMetadata(metadataName, out metadata);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                refused.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
