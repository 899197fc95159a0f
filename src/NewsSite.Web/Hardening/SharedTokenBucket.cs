using System.Threading.RateLimiting;
using NewsSite.Web.Nodes;
using StackExchange.Redis;

namespace NewsSite.Web.Hardening;

/// <summary>
/// One client address's requests per minute for one policy, counted in the Redis every node shares (decision 0026),
/// so that a client cannot multiply its allowance by the number of nodes. The same bucket as on one node (a minute's
/// worth at once, then refilled evenly), kept as a hash of tokens and time under rate:{policy}:{address}, which
/// expires once the bucket would be full again; one Lua script takes a token or says how long until there is one.
/// The time is the site's clock, passed in. While Redis is unreachable the node's own bucket counts instead
/// (<see cref="SharedCounts"/>), as it does without Redis.
/// </summary>
public sealed class SharedTokenBucket(string policy, string address, int perMinute, SharedCounts counts, TimeProvider clock) : RateLimiter
{
    // KEYS: the bucket; ARGV: now in ms, tokens per minute, tokens wanted. Returns 0 when taken, else the wait in ms.
    private const string TakeScript = """
        local now = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        local wanted = tonumber(ARGV[3])
        local perToken = 60000 / limit
        local tokens = limit
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        if state[1] then
          tokens = math.min(limit, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) / perToken)
        end

        if tokens < wanted then
          return math.max(1, math.ceil((wanted - tokens) * perToken))
        end

        redis.call('HSET', KEYS[1], 'tokens', tokens - wanted, 'at', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((limit - tokens + wanted) * perToken)))
        return 0
        """;

    private readonly TokenBucketRateLimiter _alone = new(RequestRateLimits.Bucket(perMinute));
    private readonly RedisKey _key = counts.Key("rate:" + policy + ":" + address);

    public override TimeSpan? IdleDuration => _alone.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _alone.GetStatistics();

    // Redis is asked on the asynchronous path only; refusing here sends the middleware there (it tries this first).
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        counts.Available() ? Lease.AskRedis : _alone.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var answer = await counts.EvaluateAsync(TakeScript, [_key], [clock.GetUtcNow().ToUnixTimeMilliseconds(), perMinute, permitCount]);
        if (answer is null)
        {
            return await _alone.AcquireAsync(permitCount, cancellationToken);
        }

        var wait = (long)answer;
        return wait == 0 ? Lease.Taken : new Lease(TimeSpan.FromMilliseconds(wait));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _alone.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Lease(TimeSpan? retryAfter, bool acquired = false) : RateLimitLease
    {
        public static readonly Lease Taken = new(null, acquired: true);

        public static readonly Lease AskRedis = new(null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}
