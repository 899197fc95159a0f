using Microsoft.AspNetCore.OutputCaching;

namespace NewsSite.Web.Caching;

/// <summary>
/// The output cache's store as the change follower and the request pipeline see it: one node's memory
/// (<see cref="PageCacheStore"/>) or Redis shared by every node (Nodes.SharedPageCache). Either keeps the guarantee
/// that a page rendered while an eviction ran is not stored.
/// </summary>
public interface IPageCache : IOutputCacheStore
{
    /// <summary>Notes, before a request is served, which evictions it has seen; a page it renders is stored only if no other came since.</summary>
    void MarkRequestStart(HttpContext context);

    /// <summary>True when the cache has learnt that its view is behind the other nodes', so the journal should be read now.</summary>
    bool WantsCatchUp { get; }

    /// <summary>Before the follower reads the journal: what the cache needs to tell afterwards whether another node evicted meanwhile.</summary>
    ValueTask<CatchUpStart> BeginCatchUpAsync();

    /// <summary>Evicts what the changes read since <paramref name="start"/> touched (none: the view is merely confirmed).</summary>
    ValueTask EvictAsync(IReadOnlyCollection<string> tags, CatchUpStart start);
}

/// <summary>The shared cache's generation as read before a catch-up; null when unknown (one node, or Redis unreachable).</summary>
public readonly record struct CatchUpStart(long? Generation);
