using StackExchange.Redis;

namespace NewsSite.Web.Nodes;

/// <summary>
/// Where the login throttle and the per-minute request limits count (decision 0026): in Redis when this node shares
/// one, so that every node sees the same counts; in the node's own memory without Redis, and also while Redis is
/// unreachable. Such an outage falls back to counting on each node, neither open (no limits while Redis is down would
/// let anyone who can break the connection guess freely) nor closed (refusing every login and search would turn a
/// Redis outage into a site outage). Each node then allows what one node allows today, so the limits stretch at most
/// by the number of nodes for as long as the outage lasts. The fallback is logged once per outage, not per request,
/// and after a failure Redis is left alone for <see cref="RetryAfterFailure"/>, so that a Redis which stops answering
/// costs one timeout now and then, not one per request.
/// </summary>
public sealed partial class SharedCounts(SharedRedis shared, ILogger<SharedCounts> logger)
{
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    // Environment.TickCount64 of the last failure, or 0: operational time, unlike the counts' clock, which tests set.
    private long _failedAt;
    private int _falling;
    private long _keptAlone;

    /// <summary>How many counts this node has kept to itself although it shares a Redis: each one an outage's.</summary>
    public long KeptAlone => Interlocked.Read(ref _keptAlone);

    /// <summary>Whether this node counts with others at all (ConnectionStrings:Redis).</summary>
    public bool Shared => shared.Connection is not null;

    /// <summary>
    /// Whether the counts go to Redis at the moment: shared, connected, and not resting after a failure. When not,
    /// though shared, the count is taken as kept on this node (and the first of an outage logged). A caller that can
    /// answer at once from this node's memory asks first (the rate limiter's synchronous attempt).
    /// </summary>
    public bool Available()
    {
        if (shared.Connection is not { } redis)
        {
            return false;
        }

        if (!redis.IsConnected)
        {
            FallBack("keine Verbindung");
            return false;
        }

        var failedAt = Interlocked.Read(ref _failedAt);
        if (failedAt != 0 && Environment.TickCount64 - failedAt < RetryAfterFailure.TotalMilliseconds)
        {
            Interlocked.Increment(ref _keptAlone);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Runs one script on Redis: the answer, or null when the counts are to be kept on this node this time (no Redis,
    /// Redis unreachable, or the script failed on it).
    /// </summary>
    public async ValueTask<RedisResult?> EvaluateAsync(string script, RedisKey[] keys, RedisValue[] values)
    {
        if (!Available())
        {
            return null;
        }

        try
        {
            var result = await shared.Connection!.Database.ScriptEvaluateAsync(script, keys, values);
            if (Interlocked.Exchange(ref _falling, 0) == 1)
            {
                Interlocked.Exchange(ref _failedAt, 0);
                LogBack();
            }

            return result;
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            Interlocked.Exchange(ref _failedAt, Math.Max(1, Environment.TickCount64));
            FallBack(e.GetType().Name + ": " + e.Message);
            return null;
        }
    }

    /// <summary>The key of a count under the site's prefix; only where <see cref="Shared"/>.</summary>
    public RedisKey Key(string name) => shared.Connection!.Key(name);

    private void FallBack(string reason)
    {
        Interlocked.Increment(ref _keptAlone);
        if (Interlocked.Exchange(ref _falling, 1) == 0)
        {
            LogFallingBack(reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis für Anmelde- und Anfragezähler nicht erreichbar ({Reason}): jeder Knoten zählt für sich, bis Redis zurück ist")]
    private partial void LogFallingBack(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis für Anmelde- und Anfragezähler wieder erreichbar: die Knoten zählen wieder gemeinsam")]
    private partial void LogBack();
}
