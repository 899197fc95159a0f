using System.Data.Common;
using Dapper;
using NewsSite.Core.Data;

namespace NewsSite.Core.Articles;

/// <summary>
/// The journal of public changes (content_changes): every write that readers can see, or could see before it, adds
/// a row in its own transaction naming the articles, tags and authors it touched before and after. Page caches read
/// it to evict exactly those pages; a write nobody can see yet (a draft, a scheduled article) adds nothing.
/// </summary>
public sealed partial class ArticleRepository
{
    // Keeps a day of history: enough for every running process to catch up, small enough to scan when pruning.
    private static readonly TimeSpan JournalRetention = TimeSpan.FromDays(1);

    // Slugs are [a-z0-9-], so this can never be a real article's list: the entry stands for every page.
    private const string WholeSiteMarker = "*";

    /// <summary>
    /// How far a restore's journal entry lies above every id the replaced database had handed out. Writes that reach
    /// the old database while the restore copies (and are then overwritten by it) may have carried a running site's
    /// "last id seen" past the old maximum; the gap keeps the restore's entry above whatever they could have reached.
    /// </summary>
    public const long WholeSiteChangeGap = 1_000_000;

    /// <summary>An article as readers see it at one moment: its address, tags, author and whether it is visible.</summary>
    private sealed record Footprint(string Slug, string AuthorSlug, IReadOnlyList<string> TagSlugs, bool Visible);

    private static async Task<Footprint?> ReadFootprintAsync(
        DbConnection connection, DbTransaction transaction, long articleId, DateTimeOffset now)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Slug, string AuthorSlug, long Visible, string? Tags)>(
            $"""
            SELECT a.slug, au.slug, ({VisibleSql}),
                   (SELECT group_concat(t.slug, ' ') FROM article_tags at JOIN tags t ON t.id = at.tag_id
                    WHERE at.article_id = a.id)
            FROM articles a
            JOIN authors au ON au.id = a.author_id
            WHERE a.id = @Id;
            """,
            new { Id = articleId, Now = SqliteDates.ToText(now) }, transaction);
        return row.Slug is null ? null : new Footprint(row.Slug, row.AuthorSlug, SplitSlugs(row.Tags), row.Visible != 0);
    }

    /// <summary>Journals an article's change when it was visible before or is now; otherwise no reader can tell.</summary>
    /// <returns>Whether readers can tell, i.e. whether caches must hear of it.</returns>
    private static async Task<bool> RecordArticleChangeAsync(
        DbConnection connection, DbTransaction transaction, Footprint? before, Footprint? after, DateTimeOffset now)
    {
        if (before?.Visible != true && after?.Visible != true)
        {
            return false;
        }

        Footprint[] both = [.. new[] { before, after }.OfType<Footprint>()];
        await RecordChangeAsync(
            connection, transaction, now,
            both.Select(f => f.Slug), both.SelectMany(f => f.TagSlugs), both.Select(f => f.AuthorSlug));
        return true;
    }

    private static async Task RecordChangeAsync(
        DbConnection connection, DbTransaction transaction, DateTimeOffset now,
        IEnumerable<string> articleSlugs, IEnumerable<string> tagSlugs, IEnumerable<string> authorSlugs) =>
        await connection.ExecuteAsync(
            """
            INSERT INTO content_changes (changed_at, article_slugs, tag_slugs, author_slugs)
            VALUES (@Now, @Articles, @Tags, @Authors);
            """,
            new
            {
                Now = SqliteDates.ToText(now),
                Articles = JoinSlugs(articleSlugs),
                Tags = JoinSlugs(tagSlugs),
                Authors = JoinSlugs(authorSlugs),
            },
            transaction);

    /// <summary>Commits, then tells this process's cache, which evicts before the writer's request ends.</summary>
    private async Task CommitAndSignalAsync(DbTransaction transaction, bool changedPublicContent, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        if (changedPublicContent && changeSignal is not null)
        {
            await changeSignal.CommittedAsync(cancellationToken);
        }
    }

    /// <summary>The newest journal entry's id: where a cache that starts empty begins to read.</summary>
    public async Task<long> FindLastChangeIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>("SELECT max(id) FROM content_changes;") ?? 0;
    }

    /// <summary>
    /// Journals that everything may have changed: the database was just restored from a backup. The entry's id lies
    /// <see cref="WholeSiteChangeGap"/> above both this journal's newest id and <paramref name="replacedLastId"/>, the
    /// newest id of the database this one replaces, which is the most a running site can have read; so every running
    /// site reads it as new and drops its whole cache, although the restored journal itself may be older.
    /// </summary>
    /// <returns>The entry's id.</returns>
    public async Task<long> RecordWholeSiteChangeAsync(long replacedLastId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ownLastId = await connection.ExecuteScalarAsync<long?>("SELECT max(id) FROM content_changes;", transaction: transaction) ?? 0;
        var id = Math.Max(ownLastId, replacedLastId) + WholeSiteChangeGap;

        // An explicit id above the AUTOINCREMENT counter moves the counter too, so later writes follow on from it.
        await connection.ExecuteAsync(
            """
            INSERT INTO content_changes (id, changed_at, article_slugs, tag_slugs, author_slugs)
            VALUES (@Id, @Now, @Marker, '', '');
            """,
            new { Id = id, Now = SqliteDates.ToText(clock.GetUtcNow()), Marker = WholeSiteMarker },
            transaction);
        await CommitAndSignalAsync(transaction, changedPublicContent: true, cancellationToken);
        return id;
    }

    /// <summary>
    /// One round trip for a cache to catch up: journal entries after <paramref name="afterId"/>, the articles whose
    /// scheduled time passed in (<paramref name="dueAfter"/>, <paramref name="now"/>] as changes of their own (id 0),
    /// and when the next scheduled article is due.
    /// </summary>
    public async Task<PendingContentChanges> ReadPendingChangesAsync(
        long afterId, DateTimeOffset dueAfter, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(
            $"""
            SELECT id, article_slugs, tag_slugs, author_slugs FROM content_changes WHERE id > @AfterId ORDER BY id;

            SELECT a.slug, au.slug,
                   (SELECT group_concat(t.slug, ' ') FROM article_tags at JOIN tags t ON t.id = at.tag_id
                    WHERE at.article_id = a.id)
            FROM articles a
            JOIN authors au ON au.id = a.author_id
            WHERE {VisibleSql} AND a.published_at > @DueAfter;

            SELECT min(published_at) FROM articles a WHERE {ScheduledSql};
            """,
            new { AfterId = afterId, DueAfter = SqliteDates.ToText(dueAfter), Now = SqliteDates.ToText(now) });

        var journaled = (await results.ReadAsync<(long Id, string Articles, string Tags, string Authors)>())
            .Select(r => r.Articles == WholeSiteMarker
                ? new ContentChange(r.Id, [], [], [], WholeSite: true)
                : new ContentChange(r.Id, SplitSlugs(r.Articles), SplitSlugs(r.Tags), SplitSlugs(r.Authors)))
            .ToList();
        var cameDue = (await results.ReadAsync<(string Slug, string AuthorSlug, string? Tags)>())
            .Select(r => new ContentChange(0, [r.Slug], SplitSlugs(r.Tags), [r.AuthorSlug]));
        var next = SqliteDates.FromNullableText(await results.ReadSingleAsync<string?>());

        return new PendingContentChanges([.. cameDue, .. journaled], journaled.Count == 0 ? afterId : journaled[^1].Id, next);
    }

    /// <summary>Drops journal entries older than a day, never the newest one (its id is the content version).</summary>
    public async Task<int> PruneChangesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            """
            DELETE FROM content_changes
            WHERE changed_at < @Cutoff AND id < (SELECT max(id) FROM content_changes);
            """,
            new { Cutoff = SqliteDates.ToText(now - JournalRetention) });
    }

    private static string JoinSlugs(IEnumerable<string> slugs) => string.Join(' ', slugs.Distinct(StringComparer.Ordinal));

    private static string[] SplitSlugs(string? slugs) =>
        string.IsNullOrEmpty(slugs) ? [] : slugs.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
