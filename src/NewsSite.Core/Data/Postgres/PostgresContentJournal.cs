using System.Globalization;
using Dapper;
using NewsSite.Core.Articles;
using static NewsSite.Core.Data.Postgres.PostgresVisibility;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The journal of public changes in table content_changes (0001_schema.sql): written inside each write's unit of work,
/// read by the page caches of every process.
/// </summary>
public sealed class PostgresContentJournal(PostgresDatabase database, TimeProvider clock) : IContentJournal
{
    // Slugs are [a-z0-9-], so this can never be a real article's list: the entry stands for every page.
    private const string WholeSiteMarker = "*";

    /// <summary>What readers see of the article right now, within the unit; null when there is no such article.</summary>
    internal static async Task<ArticleFootprint?> ReadFootprintAsync(PostgresUnitOfWork unit, long articleId, DateTimeOffset now)
    {
        var row = await unit.Connection.QuerySingleOrDefaultAsync<(string Slug, string AuthorSlug, bool? Visible, string? Tags, string? Ressort, string? CoAuthors)>(
            $"""
            SELECT a.slug, au.slug, ({VisibleSql}),
                   (SELECT string_agg(t.slug, ' ' ORDER BY at.position) FROM article_tags at JOIN tags t ON t.id = at.tag_id
                    WHERE at.article_id = a.id),
                   (SELECT r.slug FROM ressorts r WHERE r.id = a.ressort_id),
                   (SELECT string_agg(co.slug, ' ' ORDER BY aa.position) FROM article_authors aa JOIN authors co ON co.id = aa.author_id
                    WHERE aa.article_id = a.id)
            FROM articles a
            JOIN authors au ON au.id = a.author_id
            WHERE a.id = @Id;
            """,
            new { Id = articleId, Now = now }, unit.Transaction);
        return row.Slug is null ? null : new ArticleFootprint(row.Slug, row.AuthorSlug, SplitSlugs(row.Tags), row.Visible == true, row.Ressort)
        {
            CoAuthorSlugs = SplitSlugs(row.CoAuthors),
        };
    }

    /// <summary>Journals an article's change when it was visible before or is now; otherwise no reader can tell.</summary>
    internal static async Task RecordArticleChangeAsync(
        PostgresUnitOfWork unit, ArticleFootprint? before, ArticleFootprint? after, DateTimeOffset now)
    {
        if (ArticleFootprint.Between(before, after) is { } change)
        {
            await RecordAsync(unit, change, now);
        }
    }

    /// <summary>
    /// Journals, as one entry, what a change of many articles at once (a tag renamed or merged) changed for readers:
    /// every visible article before and after, with its tags (so the old and the new tag's pages), author and Ressort.
    /// Nothing when no reader could tell.
    /// </summary>
    internal static async Task RecordArticleChangesAsync(
        PostgresUnitOfWork unit, IEnumerable<(ArticleFootprint? Before, ArticleFootprint? After)> articles, DateTimeOffset now)
    {
        var visible = articles.Select(a => ArticleFootprint.Between(a.Before, a.After)).OfType<ContentChange>().ToList();
        if (visible.Count == 0)
        {
            return;
        }

        await RecordAsync(unit, new ContentChange(
            0,
            [.. visible.SelectMany(c => c.ArticleSlugs)],
            [.. visible.SelectMany(c => c.TagSlugs)],
            [.. visible.SelectMany(c => c.AuthorSlugs)])
        {
            RessortSlugs = [.. visible.SelectMany(c => c.RessortSlugs)],
        }, now);
    }

    /// <summary>Adds the entry within the unit, which then tells the caches once it has committed.</summary>
    internal static async Task RecordAsync(PostgresUnitOfWork unit, ContentChange change, DateTimeOffset now)
    {
        await unit.Connection.ExecuteAsync(
            """
            INSERT INTO content_changes (changed_at, article_slugs, tag_slugs, author_slugs, ressort_slugs)
            VALUES (@Now, @Articles, @Tags, @Authors, @Ressorts);
            """,
            new
            {
                Now = now,
                Articles = JoinSlugs(change.ArticleSlugs),
                Tags = JoinSlugs(change.TagSlugs),
                Authors = JoinSlugs(change.AuthorSlugs),
                Ressorts = JoinSlugs(change.RessortSlugs),
            },
            unit.Transaction);
        unit.MarkPublicChange();
    }

    /// <summary>
    /// Journals, within the unit, that any page may show what changed: every page's footer lists the fixed pages and its
    /// header the Ressorts. Unlike a restore's entry it needs no gap: it is an ordinary write of this database.
    /// </summary>
    internal static async Task RecordEveryPageChangeAsync(PostgresUnitOfWork unit, DateTimeOffset now)
    {
        await unit.Connection.ExecuteAsync(
            """
            INSERT INTO content_changes (changed_at, article_slugs, tag_slugs, author_slugs)
            VALUES (@Now, @Marker, '', '');
            """,
            new { Now = now, Marker = WholeSiteMarker },
            unit.Transaction);
        unit.MarkPublicChange();
    }

    public Task<long> FindLastChangeIdAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            await connection.ExecuteScalarAsync<long?>("SELECT max(id) FROM content_changes;") ?? 0, cancellationToken);

    public Task<long> RecordWholeSiteChangeAsync(long replacedLastId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var ownLastId = await unit.Connection.ExecuteScalarAsync<long?>(
                "SELECT max(id) FROM content_changes;", transaction: unit.Transaction) ?? 0;
            var id = Math.Max(ownLastId, replacedLastId) + ContentJournal.WholeSiteChangeGap;

            // An explicit id leaves the identity's sequence where it was: it is moved up to the id, so that later
            // writes follow on from it (as SQLite's AUTOINCREMENT counter does by itself).
            await unit.Connection.ExecuteAsync(
                """
                INSERT INTO content_changes (id, changed_at, article_slugs, tag_slugs, author_slugs)
                VALUES (@Id, @Now, @Marker, '', '');
                SELECT setval(pg_get_serial_sequence('content_changes', 'id'), @Id);
                """,
                new { Id = id, Now = clock.GetUtcNow(), Marker = WholeSiteMarker },
                unit.Transaction);
            unit.MarkPublicChange();
            return id;
        }, cancellationToken);

    public Task<PendingContentChanges> ReadPendingChangesAsync(
        long afterId, DateTimeOffset dueAfter, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            await using var results = await connection.QueryMultipleAsync(
                $"""
                SELECT id, article_slugs, tag_slugs, author_slugs, ressort_slugs FROM content_changes WHERE id > @AfterId ORDER BY id;

                SELECT a.slug, au.slug,
                       (SELECT string_agg(t.slug, ' ' ORDER BY at.position) FROM article_tags at JOIN tags t ON t.id = at.tag_id
                        WHERE at.article_id = a.id),
                       (SELECT r.slug FROM ressorts r WHERE r.id = a.ressort_id),
                       (SELECT string_agg(co.slug, ' ' ORDER BY aa.position) FROM article_authors aa JOIN authors co ON co.id = aa.author_id
                        WHERE aa.article_id = a.id)
                FROM articles a
                JOIN authors au ON au.id = a.author_id
                WHERE {VisibleSql} AND a.published_at > @DueAfter;

                SELECT min(published_at) FROM articles a WHERE {ScheduledSql};
                """,
                new { AfterId = afterId, DueAfter = dueAfter, Now = now });

            var journaled = (await results.ReadAsync<(long Id, string Articles, string Tags, string Authors, string Ressorts)>())
                .Select(r => r.Articles == WholeSiteMarker
                    ? new ContentChange(r.Id, [], [], [], WholeSite: true)
                    : new ContentChange(r.Id, SplitSlugs(r.Articles), SplitSlugs(r.Tags), SplitSlugs(r.Authors)) { RessortSlugs = SplitSlugs(r.Ressorts) })
                .ToList();
            var cameDue = (await results.ReadAsync<(string Slug, string AuthorSlug, string? Tags, string? Ressort, string? CoAuthors)>())
                .Select(r => new ContentChange(0, [r.Slug], SplitSlugs(r.Tags), [r.AuthorSlug, .. SplitSlugs(r.CoAuthors)]) { RessortSlugs = r.Ressort is null ? [] : [r.Ressort] });
            var next = await results.ReadSingleAsync<DateTimeOffset?>();

            return new PendingContentChanges([.. cameDue, .. journaled], journaled.Count == 0 ? afterId : journaled[^1].Id, next);
        }, cancellationToken);

    public Task<int> PruneChangesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        // A unit of work like every other write: it takes the write lock before it reads the newest id.
        database.WriteAsync(unit => unit.Connection.ExecuteAsync(
            """
            DELETE FROM content_changes
            WHERE changed_at < @Cutoff AND id < (SELECT max(id) FROM content_changes);
            """,
            new { Cutoff = now - ContentJournal.Retention }, unit.Transaction), cancellationToken);

    public Task<ContentVersion> FindContentVersionAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            var row = await connection.QuerySingleAsync<(long? LastChangeId, DateTimeOffset? LastChangeAt, DateTimeOffset? LastPublished)>(
                $"""
                SELECT c.id, c.changed_at, (SELECT max(a.published_at) FROM articles a WHERE {VisibleSql})
                FROM (SELECT 1) one LEFT JOIN (SELECT id, changed_at FROM content_changes ORDER BY id DESC LIMIT 1) c ON true;
                """,
                new { Now = now });

            var lastWrite = row.LastChangeAt;
            var lastPublished = row.LastPublished;
            var lastChange = lastWrite > lastPublished || lastPublished is null ? lastWrite : lastPublished;

            // The newest publication as its UTC ticks: exact, and the same text on every node and culture.
            return new ContentVersion(lastChange, $"{row.LastChangeId}|{lastPublished?.UtcTicks.ToString(CultureInfo.InvariantCulture)}");
        }, cancellationToken);

    private static string JoinSlugs(IEnumerable<string> slugs) => string.Join(' ', slugs.Distinct(StringComparer.Ordinal));

    internal static string[] SplitSlugs(string? slugs) =>
        string.IsNullOrEmpty(slugs) ? [] : slugs.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
