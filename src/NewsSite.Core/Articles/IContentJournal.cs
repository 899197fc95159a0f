namespace NewsSite.Core.Articles;

/// <summary>
/// The journal of public changes: every write that readers can see, or could see before it, adds an entry in its own
/// transaction naming the articles, tags and authors it touched before and after. Page caches read it to evict
/// exactly those pages; a write nobody can see yet (a draft, a scheduled article) adds nothing.
/// </summary>
public interface IContentJournal
{
    /// <summary>The newest entry's id: where a cache that starts empty begins to read.</summary>
    Task<long> FindLastChangeIdAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Journals that everything may have changed: the database was just restored from a backup. The entry's id lies
    /// <see cref="ContentJournal.WholeSiteChangeGap"/> above both this journal's newest id and
    /// <paramref name="replacedLastId"/>, the newest id of the database this one replaces, so that every running site
    /// reads it as new and drops its whole cache, although the restored journal itself may be older.
    /// </summary>
    /// <returns>The entry's id.</returns>
    Task<long> RecordWholeSiteChangeAsync(long replacedLastId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One round trip for a cache to catch up: entries after <paramref name="afterId"/>, the articles whose scheduled
    /// time passed in (<paramref name="dueAfter"/>, <paramref name="now"/>] as changes of their own (id 0), and when
    /// the next scheduled article is due.
    /// </summary>
    Task<PendingContentChanges> ReadPendingChangesAsync(
        long afterId, DateTimeOffset dueAfter, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Drops entries older than a day, never the newest one (its id is the content version).</summary>
    /// <returns>The number of entries dropped.</returns>
    Task<int> PruneChangesAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The version of everything public: the last journaled public change and the last publication that has come due
    /// by <paramref name="now"/>, which moves when a scheduled article appears without any write.
    /// </summary>
    Task<ContentVersion> FindContentVersionAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}

public static class ContentJournal
{
    /// <summary>
    /// How far a restore's journal entry lies above every id the replaced database had handed out. Writes that reach
    /// the old database while the restore copies (and are then overwritten by it) may have carried a running site's
    /// "last id seen" past the old maximum; the gap keeps the restore's entry above whatever they could have reached.
    /// </summary>
    public const long WholeSiteChangeGap = 1_000_000;

    /// <summary>How long entries are kept: enough for every running process to catch up, small enough to scan when pruning.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);
}
