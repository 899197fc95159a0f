namespace NewsSite.Web.Nodes;

/// <summary>
/// How a node tells the others that it changed published content, so that each evicts its caches before the
/// editor's request ends (decision 0026). Every node also reads the journal within a second on its own, so a lost
/// message delays an eviction by that second at most; it never loses one.
/// </summary>
public interface IChangeBroadcast
{
    /// <summary>Starts hearing the other nodes' changes; <paramref name="catchUp"/> reads the journal and evicts.</summary>
    Task StartAsync(Func<CancellationToken, Task> catchUp);

    /// <summary>After this node has evicted for its own change: tells the others and waits, briefly, until each has too.</summary>
    Task AnnounceAsync(CancellationToken cancellationToken);
}

/// <summary>Only one node: nobody to tell.</summary>
public sealed class NoBroadcast : IChangeBroadcast
{
    public Task StartAsync(Func<CancellationToken, Task> catchUp) => Task.CompletedTask;

    public Task AnnounceAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Work that one node at a time should do (pruning the journal), whichever node comes first.</summary>
public interface IPeriodicWorkLock
{
    /// <summary>True when this node may do <paramref name="work"/> now; no other node gets it for <paramref name="hold"/>.</summary>
    Task<bool> TryTakeAsync(string work, TimeSpan hold);
}

/// <summary>Only one node: it always may.</summary>
public sealed class OwnPeriodicWork : IPeriodicWorkLock
{
    public Task<bool> TryTakeAsync(string work, TimeSpan hold) => Task.FromResult(true);
}
