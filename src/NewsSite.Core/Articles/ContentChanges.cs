namespace NewsSite.Core.Articles;

/// <summary>
/// What one committed change touched that readers see: the articles' addresses (before and after a slug change), and
/// their tags, authors and Ressorts before and after. Caches evict every page that shows any of them.
/// </summary>
/// <param name="WholeSite">
/// The whole database was replaced (a restore): any cached page may be wrong, whatever slugs it shows.
/// </param>
public sealed record ContentChange(
    long Id, IReadOnlyList<string> ArticleSlugs, IReadOnlyList<string> TagSlugs, IReadOnlyList<string> AuthorSlugs,
    bool WholeSite = false)
{
    /// <summary>The Ressorts the articles belonged to before and belong to after: their pages and feeds list them.</summary>
    public IReadOnlyList<string> RessortSlugs { get; init; } = [];
}

/// <summary>
/// The changes a cache has not seen yet: journaled writes after the last one it saw, and the scheduled articles
/// whose time came since it last looked (those appear without any write). <see cref="NextScheduled"/> is when the
/// next one will.
/// </summary>
/// <param name="LastId">The last journal entry read: where to go on from next time.</param>
public sealed record PendingContentChanges(IReadOnlyList<ContentChange> Changes, long LastId, DateTimeOffset? NextScheduled);

/// <summary>
/// Tells whoever listens in this process that a change of public content was committed, so that a page cache can
/// evict before the editor's next request. Other processes (an import command) are noticed through the journal.
/// </summary>
public sealed class ContentChangeSignal
{
    private Func<CancellationToken, Task>? _listener;

    /// <summary>One listener: the process's page cache.</summary>
    public void Listen(Func<CancellationToken, Task> listener) => _listener = listener;

    internal Task CommittedAsync(CancellationToken cancellationToken) =>
        _listener?.Invoke(cancellationToken) ?? Task.CompletedTask;
}
