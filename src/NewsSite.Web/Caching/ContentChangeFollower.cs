using NewsSite.Core.Articles;
using NewsSite.Web.Nodes;

namespace NewsSite.Web.Caching;

/// <summary>
/// Keeps everything this process derives from the published content exact: the page cache, the related-articles
/// and Ressort-articles caches and the content version behind every ETag. It follows the journal of public changes: at once after a write
/// of this process (told by <see cref="ContentChangeSignal"/> before the writer's request ends), within a second for
/// other processes' writes (an import command), and, for a scheduled article, on the first request after its time,
/// before that request looks into any cache. On several nodes, a node's own write is announced to the others
/// (<see cref="IChangeBroadcast"/>), which catch up before the writer's request ends; the poll remains their net.
/// </summary>
public sealed partial class ContentChangeFollower(
    IContentJournal journal, IPageCache pages, RelatedArticlesCache related, RessortArticlesCache ressortArticles,
    IChangeBroadcast broadcast, IPeriodicWorkLock periodicWork, TimeProvider clock, ILogger<ContentChangeFollower> logger) : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastChangeId;
    private DateTimeOffset _dueCheckedUntil;
    private DateTimeOffset _nextScheduled = DateTimeOffset.MaxValue;
    private DateTimeOffset _nextPoll;
    private DateTimeOffset _nextPrune;
    private volatile ContentVersion? _version;

    /// <summary>
    /// The version of everything public as of the last look at the journal; null before <see cref="StartAsync"/>.
    /// Read on every page for its validators, so that a 304 or a fresh page costs no query for it.
    /// </summary>
    public ContentVersion? Version => _version;

    /// <summary>Starts from the journal's end: the caches are empty, so nothing before now can be in them.</summary>
    public async Task StartAsync(ContentChangeSignal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        _lastChangeId = await journal.FindLastChangeIdAsync(cancellationToken);
        _dueCheckedUntil = clock.GetUtcNow();
        var pending = await journal.ReadPendingChangesAsync(_lastChangeId, _dueCheckedUntil, _dueCheckedUntil, cancellationToken);
        _nextScheduled = pending.NextScheduled ?? DateTimeOffset.MaxValue;
        _version = await journal.FindContentVersionAsync(_dueCheckedUntil, cancellationToken);
        _nextPoll = _dueCheckedUntil + PollInterval;
        signal.Listen(OwnChangeAsync);
        await broadcast.StartAsync(CatchUpAsync);
    }

    /// <summary>Runs before the caches are asked: cheap unless a scheduled article came due or a poll is due.</summary>
    public async Task BeforeRequestAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now >= _nextScheduled)
        {
            // This request must not be answered with a page from before the article appeared: wait for the eviction.
            await CatchUpAsync(cancellationToken);
        }
        else if ((now >= _nextPoll || pages.WantsCatchUp) && await _gate.WaitAsync(0, cancellationToken))
        {
            // Another process's writes: whichever request comes first checks; the others go on meanwhile.
            try
            {
                await CatchUpLockedAsync();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Evicts what changed since the last look. Also the listener of this process's own writes.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpLockedAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    // This node's own write, before the writer's request ends: evict here, then on the other nodes.
    private async Task OwnChangeAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        await broadcast.AnnounceAsync(CancellationToken.None);
    }

    private async Task CatchUpLockedAsync()
    {
        var now = clock.GetUtcNow();
        var start = await pages.BeginCatchUpAsync();
        try
        {
            // Not the request's token: a reader who hangs up must not leave the caches half evicted.
            var pending = await journal.ReadPendingChangesAsync(_lastChangeId, _dueCheckedUntil, now, CancellationToken.None);
            var tags = pending.Changes.SelectMany(PageCacheTags.Of).ToHashSet(StringComparer.Ordinal);
            if (tags.Count > 0)
            {
                // The version first: a page rendered from here on carries the new one, never the old with new content.
                _version = await journal.FindContentVersionAsync(now, CancellationToken.None);
            }

            await pages.EvictAsync(tags, start);
            foreach (var tag in tags)
            {
                related.EvictByTag(tag);
                ressortArticles.EvictByTag(tag);
            }

            if (pending.Changes.Count > 0)
            {
                LogEvicted(pending.Changes.Count, tags.Count, pending.LastId);
            }

            _lastChangeId = pending.LastId;
            _dueCheckedUntil = now;
            _nextScheduled = pending.NextScheduled ?? DateTimeOffset.MaxValue;
            _nextPoll = now + PollInterval;
            await PruneJournalAsync(now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database could not be read: better empty caches than stale ones, and no version that could earn a
            // stale 304 (validators then ask the database). The next request tries again.
            LogCatchUpFailed(e);
            _version = null;
            await pages.EvictAsync([PageCacheTags.Everything], start);
            related.EvictByTag(PageCacheTags.Everything);
            ressortArticles.EvictByTag(PageCacheTags.Everything);
            _nextPoll = now;
        }
    }

    private async Task PruneJournalAsync(DateTimeOffset now)
    {
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + PruneInterval;
        if (!await periodicWork.TryTakeAsync("journal-pruning", PruneInterval))
        {
            return; // another node prunes this hour
        }

        var pruned = await journal.PruneChangesAsync(now, CancellationToken.None);
        if (pruned > 0)
        {
            LogPruned(pruned);
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Caches: {ChangeCount} Änderungen, {TagCount} Tags entfernt (bis Journal-Eintrag {LastChangeId})")]
    private partial void LogEvicted(int changeCount, int tagCount, long lastChangeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Caches: Änderungen konnten nicht gelesen werden; alle Caches werden geleert")]
    private partial void LogCatchUpFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Änderungsjournal: {PrunedCount} alte Einträge entfernt")]
    private partial void LogPruned(int prunedCount);
}
