namespace NewsSite.Web.Caching;

/// <summary>
/// A value every page shows beside its own content (the Ressort navigation, the footer's fixed pages), read once per
/// content version instead of once per page: every change of what it is read from is a journal entry, so a page
/// rendered after the follower has seen that entry reads the value anew. Before the follower has started the value is
/// read each time.
/// </summary>
public sealed class PerContentVersion<T>(ContentChangeFollower follower)
{
    private volatile Snapshot? _snapshot;

    public async Task<T> GetOrReadAsync(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);

        // The version first: a value read after it is at least as new as it.
        var version = follower.Version;
        if (version is not null && _snapshot is { } snapshot && snapshot.Stamp == version.Stamp)
        {
            return snapshot.Value;
        }

        var value = await read(cancellationToken);
        if (version is not null)
        {
            _snapshot = new Snapshot(version.Stamp, value);
        }

        return value;
    }

    private sealed record Snapshot(string Stamp, T Value);
}
