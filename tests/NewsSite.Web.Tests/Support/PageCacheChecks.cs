namespace NewsSite.Web.Tests.Support;

/// <summary>
/// The eviction tests' three checks on the output cache, read from the answer's own marker
/// (<see cref="NewsSiteFactory.GetCachedPageAsync"/>): warm pages, then expect each one evicted or still cached.
/// </summary>
public static class PageCacheChecks
{
    /// <summary>Requests every page twice: the second answer must come from the cache, or the test proves nothing.</summary>
    public static async Task WarmAsync(NewsSiteFactory site, params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(site);
        foreach (var path in paths)
        {
            var (first, _, _) = await site.GetCachedPageAsync(path);
            Assert.True(first.IsSuccessStatusCode, $"{path}: {first.StatusCode}");
            var (_, _, fromCache) = await site.GetCachedPageAsync(path);
            Assert.True(fromCache, $"{path} should now be answered from the cache");
        }
    }

    public static async Task AssertFreshAsync(NewsSiteFactory site, params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(site);
        foreach (var path in paths)
        {
            Assert.False((await site.GetCachedPageAsync(path)).FromCache, $"{path} should have been evicted");
        }
    }

    public static async Task AssertStillCachedAsync(NewsSiteFactory site, params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(site);
        foreach (var path in paths)
        {
            Assert.True((await site.GetCachedPageAsync(path)).FromCache, $"{path} should still come from the cache");
        }
    }
}
