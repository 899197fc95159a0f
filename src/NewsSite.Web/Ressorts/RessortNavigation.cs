using NewsSite.Core.Ressorts;
using NewsSite.Web.Caching;

namespace NewsSite.Web.Ressorts;

/// <summary>
/// The Ressort list for the header navigation of every page, read once per content version: every change of the
/// list is a journal entry, so a page rendered after the follower has seen it reads the new list. Before the follower
/// has started (or while the database cannot be read) the list is read each time.
/// </summary>
public sealed partial class RessortNavigation(IRessortStore ressorts, ContentChangeFollower follower, ILogger<RessortNavigation> logger)
{
    private volatile Snapshot? _snapshot;

    public async Task<IReadOnlyList<Ressort>> CurrentAsync(CancellationToken cancellationToken)
    {
        // The version first: a list read after it is at least as new as it.
        var version = follower.Version;
        if (version is not null && _snapshot is { } snapshot && snapshot.Stamp == version.Stamp)
        {
            return snapshot.List;
        }

        try
        {
            var list = await ressorts.ListAsync(cancellationToken);
            if (version is not null)
            {
                _snapshot = new Snapshot(version.Stamp, list);
            }

            return list;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An error page must still render: without the navigation rather than not at all.
            LogUnreadable(e);
            return [];
        }
    }

    private sealed record Snapshot(string Stamp, IReadOnlyList<Ressort> List);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ressort-Navigation: Die Ressorts konnten nicht gelesen werden")]
    private partial void LogUnreadable(Exception exception);
}
