using NewsSite.Core.Ressorts;
using NewsSite.Web.Caching;

namespace NewsSite.Web.Ressorts;

/// <summary>The Ressort list for the header navigation of every page, read once per content version.</summary>
public sealed partial class RessortNavigation(IRessortStore ressorts, ContentChangeFollower follower, ILogger<RessortNavigation> logger)
{
    private readonly PerContentVersion<IReadOnlyList<Ressort>> _list = new(follower);

    public async Task<IReadOnlyList<Ressort>> CurrentAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _list.GetOrReadAsync(ressorts.ListAsync, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An error page must still render: without the navigation rather than not at all.
            LogUnreadable(e);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ressort-Navigation: Die Ressorts konnten nicht gelesen werden")]
    private partial void LogUnreadable(Exception exception);
}
