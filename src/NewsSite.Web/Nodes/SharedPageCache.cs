using NewsSite.Web.Caching;
using StackExchange.Redis;

namespace NewsSite.Web.Nodes;

/// <summary>
/// The page cache of several nodes: pages in Redis, found by tag for exact eviction, with an optional copy in each
/// node's memory in front (decision 0026). It keeps the one-node guarantee across nodes: a page rendered while any
/// node evicted is not stored. Redis holds a generation that every eviction raises; each node knows the generation
/// as of its own last look at the journal, and a page is stored (atomically, in a script) only while the generation is
/// still the one its request began with. A node behind the others therefore stores nothing until it has read the
/// journal, which also brings its other caches (related articles, content version) up to date.
/// While Redis is unreachable every page is rendered from the database; an eviction that could not reach Redis is
/// made up for by emptying the shared cache before it is used again, so that no page from before it is served.
/// </summary>
public sealed partial class SharedPageCache : IPageCache, IDisposable
{
    private static readonly object SeenKey = new();

    private readonly RedisConnection _redis;
    private readonly PageCacheStore? _local;
    private readonly IHttpContextAccessor _requests;
    private readonly ILogger<SharedPageCache> _logger;
    private readonly RedisKey _generationKey;
    private readonly RedisKey _tagIndexKey;
    private readonly Lock _lock = new();
    private long? _seen;
    private bool _owesEviction;
    // Until its first look at the journal a node does not know which evictions it has seen, and stores nothing.
    private volatile bool _wantsCatchUp = true;

    public SharedPageCache(RedisConnection redis, PageCacheStore? local, IHttpContextAccessor requests, ILogger<SharedPageCache> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _local = local;
        _requests = requests;
        _logger = logger;
        _generationKey = redis.Key("pages:generation");
        _tagIndexKey = redis.Key("pages:tags");

        // Messages may have been missed while Redis was away, and evictions of nodes that did not notice: nothing is
        // served or stored until this node has read the journal again, and its own copies are dropped.
        redis.Restored += () =>
        {
            lock (_lock)
            {
                _seen = null;
            }

            _ = _local?.EvictByTagAsync(PageCacheTags.Everything, CancellationToken.None).AsTask();
            _wantsCatchUp = true;
        };
    }

    public bool WantsCatchUp => _wantsCatchUp;

    private long? Seen
    {
        get
        {
            lock (_lock)
            {
                return _owesEviction ? null : _seen;
            }
        }
    }

    public void MarkRequestStart(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[SeenKey] = Seen;
        _local?.MarkRequestStart(context);
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!_redis.IsConnected || Seen is null)
        {
            return null;
        }

        if (_local is not null && await _local.GetAsync(key, cancellationToken) is { } copy)
        {
            return copy;
        }

        try
        {
            var stored = await _redis.Database.StringGetWithExpiryAsync(PageKey(key));
            if (stored.Value.IsNull)
            {
                return null;
            }

            var (tags, page) = StoredPage.Read(stored.Value!);

            // Into this node's copy under its own rule: not if this node evicted since the request began.
            if (_local is not null)
            {
                await _local.SetAsync(key, page, tags, stored.Expiry ?? TimeSpan.FromMinutes(1), cancellationToken);
            }

            return page;
        }
        catch (RedisException e)
        {
            LogUnreachable(e);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_redis.IsConnected || _requests.HttpContext?.Items[SeenKey] is not long seen)
        {
            return;
        }

        tags ??= [];
        try
        {
            var stored = (long)await _redis.Database.ScriptEvaluateAsync(
                Scripts.Store,
                [_generationKey, PageKey(key), _tagIndexKey],
                [seen, (long)validFor.TotalMilliseconds, StoredPage.Write(tags, value), .. IndexedTags(tags).Select(t => (RedisValue)TagKeyName(t))]);
            if (stored == 0)
            {
                // Another node evicted since this node last read the journal: read it before the next store.
                _wantsCatchUp = true;
                return;
            }
        }
        catch (RedisException e)
        {
            LogUnreachable(e);
            return;
        }

        if (_local is not null)
        {
            await _local.SetAsync(key, value, tags, validFor, cancellationToken);
        }
    }

    public async ValueTask<CatchUpStart> BeginCatchUpAsync()
    {
        if (!_redis.IsConnected)
        {
            return default;
        }

        try
        {
            // A Redis that lost its data (restarted) starts again at a random generation, never at one a node has seen.
            var generation = (long)await _redis.Database.ScriptEvaluateAsync(
                Scripts.Generation, [_generationKey], [RandomStart()]);
            return new CatchUpStart(generation);
        }
        catch (RedisException e)
        {
            LogUnreachable(e);
            return default;
        }
    }

    public async ValueTask EvictAsync(IReadOnlyCollection<string> tags, CatchUpStart start)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _wantsCatchUp = false;
        bool owed;
        lock (_lock)
        {
            owed = _owesEviction;
        }

        if (tags.Count > 0 || owed)
        {
            // Redis first: a copy this node takes from Redis after its own eviction must not be an old page.
            await EvictSharedAsync(owed ? [PageCacheTags.Everything] : tags, start);
            foreach (var tag in owed ? [PageCacheTags.Everything] : tags)
            {
                if (_local is not null)
                {
                    await _local.EvictByTagAsync(tag, CancellationToken.None);
                }
            }
        }
        else
        {
            lock (_lock)
            {
                _seen = start.Generation;
            }
        }
    }

    /// <summary>An eviction from outside a catch-up (a test, an operator's tool): as one, against this node's last view.</summary>
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        await EvictAsync([tag], new CatchUpStart(Seen));

    public void Dispose() => _local?.Dispose();

    private async Task EvictSharedAsync(IReadOnlyCollection<string> tags, CatchUpStart start)
    {
        if (start.Generation is not { } expected || !_redis.IsConnected)
        {
            Owe();
            return;
        }

        try
        {
            var everything = tags.Contains(PageCacheTags.Everything);
            var result = (long[])(await _redis.Database.ScriptEvaluateAsync(
                Scripts.Evict,
                [_generationKey, _tagIndexKey],
                [expected, everything ? 1 : 0, RandomStart(), .. (everything ? [] : tags).Select(t => (RedisValue)TagKeyName(t))]))!;
            lock (_lock)
            {
                _owesEviction = false;

                // Another node evicted between this node's look at the generation and its own eviction: what that
                // node evicted for may not be in what this node read, so this node stores nothing until it looks again.
                _seen = result[1] == 1 ? result[0] : null;
                _wantsCatchUp = result[1] != 1;
            }
        }
        catch (RedisException e)
        {
            LogUnreachable(e);
            Owe();
        }
    }

    private void Owe()
    {
        lock (_lock)
        {
            _owesEviction = true;
            _seen = null;
        }

        LogEvictionOwed();
    }

    // A page carries the "every page" tag and, but for a few, tags of its own; only the latter need an index, since
    // evicting everything walks every tag's set anyway.
    private static IEnumerable<string> IndexedTags(string[] tags) =>
        tags.Length > 1 ? tags.Where(t => t != PageCacheTags.Everything) : tags;

    // Below 2^50: Lua's numbers are doubles, exact only below 2^53, and a generation passes through one on each eviction.
    private static long RandomStart() => Random.Shared.NextInt64(1, 1L << 50);

    private RedisKey PageKey(string key) => _redis.Key("page:" + key);

    private string TagKeyName(string tag) => _redis.KeyPrefix + "pagetag:" + tag;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seiten-Cache: Redis nicht erreichbar; die Seite kommt aus der Datenbank")]
    private partial void LogUnreachable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seiten-Cache: eine Entfernung erreichte Redis nicht; der gemeinsame Cache wird vor seiner nächsten Nutzung geleert")]
    private partial void LogEvictionOwed();
}
