using NewsSite.Core.SitePages;
using NewsSite.Web.Caching;

namespace NewsSite.Web.SitePages;

/// <summary>
/// The fixed pages for every page's footer, read once per content version rather than once per page: every change of
/// a fixed page moves the version (the store journals it), so the list here is never older than the page around it.
/// </summary>
public sealed class SitePageDirectory(ISitePageStore pages, ContentChangeFollower follower)
{
    /// <summary>The page a German site must have (§ 5 DDG): its absence is shown to admins and logged at start.</summary>
    public const string ImprintSlug = "impressum";

    private volatile Snapshot? _snapshot;

    public async Task<IReadOnlyList<SitePageLink>> ListAsync(CancellationToken cancellationToken)
    {
        // Read before the list: should a change land in between, the next page reads again.
        var stamp = follower.Version?.Stamp;
        if (_snapshot is { } known && stamp is not null && known.Stamp == stamp)
        {
            return known.Links;
        }

        var links = await pages.ListAsync(cancellationToken);
        _snapshot = new Snapshot(stamp, links);
        return links;
    }

    private sealed record Snapshot(string? Stamp, IReadOnlyList<SitePageLink> Links);
}
