using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace NewsSite.Web.Caching;

/// <summary>
/// The output cache's store: rendered pages in memory, bounded in bytes, found by tag for eviction. Written here
/// rather than taken from the framework for one guarantee the framework's store cannot give: a page rendered while
/// an eviction ran is not stored. Without it, a reader's request that read the database just before an editor's save
/// could store the old page just after the save evicted it, and keep it until the next change.
/// </summary>
public sealed class PageCacheStore : IPageCache, IDisposable
{
    private static readonly object GenerationKey = new();

    private readonly MemoryCache _pages;
    private readonly Dictionary<string, HashSet<string>> _keysByTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _tagsByKey = new(StringComparer.Ordinal);
    private readonly IHttpContextAccessor _requests;
    private readonly Lock _lock = new();
    private long _generation;

    public PageCacheStore(long sizeLimitBytes, IHttpContextAccessor requests)
    {
        _pages = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimitBytes });
        _requests = requests;
    }

    /// <summary>Notes, before a request is served, which evictions it has seen; see <see cref="SetAsync"/>.</summary>
    public void MarkRequestStart(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[GenerationKey] = Volatile.Read(ref _generation);
    }

    /// <summary>One process sees every eviction it makes: it is never behind.</summary>
    public bool WantsCatchUp => false;

    public ValueTask<CatchUpStart> BeginCatchUpAsync() => ValueTask.FromResult(default(CatchUpStart));

    public async ValueTask EvictAsync(IReadOnlyCollection<string> tags, CatchUpStart start)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            await EvictByTagAsync(tag, CancellationToken.None);
        }
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _generation++;
            if (_keysByTag.Remove(tag, out var keys))
            {
                foreach (var key in keys)
                {
                    _pages.Remove(key);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_pages.TryGetValue(key, out byte[]? page) ? page : null);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            // Something was evicted after this request began: what it read may predate that change. The next request
            // renders afresh and stores.
            if (_requests.HttpContext?.Items[GenerationKey] is long seen && seen != _generation)
            {
                return ValueTask.CompletedTask;
            }

            var options = new MemoryCacheEntryOptions { Size = value.Length, AbsoluteExpirationRelativeToNow = validFor };
            options.RegisterPostEvictionCallback(static (key, _, reason, state) =>
            {
                if (reason != EvictionReason.Replaced)
                {
                    ((PageCacheStore)state!).Forget((string)key);
                }
            }, this);
            _pages.Set(key, value, options);
            _tagsByKey[key] = tags ?? [];
            foreach (var tag in tags ?? [])
            {
                if (!_keysByTag.TryGetValue(tag, out var keys))
                {
                    _keysByTag[tag] = keys = new HashSet<string>(StringComparer.Ordinal);
                }

                keys.Add(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose() => _pages.Dispose();

    // A page that expired or was pushed out by the size limit leaves its tags too, so they do not grow without bound.
    private void Forget(string key)
    {
        lock (_lock)
        {
            if (_pages.TryGetValue(key, out _))
            {
                return; // stored again meanwhile
            }

            if (!_tagsByKey.Remove(key, out var tags))
            {
                return;
            }

            foreach (var tag in tags)
            {
                if (_keysByTag.TryGetValue(tag, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    _keysByTag.Remove(tag);
                }
            }
        }
    }
}
