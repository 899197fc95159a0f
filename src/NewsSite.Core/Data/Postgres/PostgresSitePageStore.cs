using Dapper;
using NewsSite.Core.SitePages;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The fixed pages (tables site_pages and site_page_versions, 0001_schema.sql).</summary>
public sealed class PostgresSitePageStore(PostgresDatabase database, TimeProvider clock) : ISitePageStore
{
    public Task<IReadOnlyList<SitePageLink>> ListAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<SitePageLink>>(async connection =>
        {
            var rows = await connection.QueryAsync<SitePageLink>("SELECT slug AS Slug, title AS Title FROM site_pages;");

            // Sorted here, as on SQLite, by the one German order of GermanOrder.Names (a handful of pages, not paged).
            return rows.OrderBy(p => p.Title, GermanOrder.Names).ToList();
        }, cancellationToken);

    public Task<SitePage?> FindAsync(string slug, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<PageRow>(
                "SELECT slug AS Slug, title AS Title, body_html AS BodyHtml, updated_at AS UpdatedAt FROM site_pages WHERE slug = @Slug;",
                new { Slug = slug }))?.ToPage(), cancellationToken);

    public Task<EditableSitePage?> FindEditableAsync(string slug, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<PageRow>(
                """
                SELECT slug AS Slug, title AS Title, markdown AS Markdown, updated_at AS UpdatedAt, updated_by AS UpdatedBy
                FROM site_pages WHERE slug = @Slug;
                """,
                new { Slug = slug }))?.ToEditable(), cancellationToken);

    public Task<SitePageWriteKind> SaveAsync(SitePageContent page, string by, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return database.WriteAsync(async unit =>
        {
            if (dryRun)
            {
                unit.RollBackAtEnd();
            }

            var storedHash = await unit.Connection.ExecuteScalarAsync<string?>(
                "SELECT content_hash FROM site_pages WHERE slug = @Slug;", new { page.Slug }, unit.Transaction);
            if (storedHash == page.ContentHash)
            {
                return SitePageWriteKind.Unchanged;
            }

            var now = clock.GetUtcNow();
            var values = new
            {
                page.Slug, page.Title, page.Markdown, Html = page.BodyHtml, Hash = page.ContentHash,
                Now = now, By = by,
            };
            await unit.Connection.ExecuteAsync(
                """
                INSERT INTO site_pages (slug, title, markdown, body_html, content_hash, updated_at, updated_by)
                VALUES (@Slug, @Title, @Markdown, @Html, @Hash, @Now, @By)
                ON CONFLICT (slug) DO UPDATE SET
                    title = excluded.title, markdown = excluded.markdown, body_html = excluded.body_html,
                    content_hash = excluded.content_hash, updated_at = excluded.updated_at, updated_by = excluded.updated_by;

                INSERT INTO site_page_versions (slug, title, markdown, saved_at, saved_by)
                VALUES (@Slug, @Title, @Markdown, @Now, @By);
                """,
                values, unit.Transaction);
            await PostgresContentJournal.RecordEveryPageChangeAsync(unit, now);
            return storedHash is null ? SitePageWriteKind.Created : SitePageWriteKind.Updated;
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string slug, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var deleted = await unit.Connection.ExecuteAsync(
                "DELETE FROM site_pages WHERE slug = @Slug;", new { Slug = slug }, unit.Transaction);
            if (deleted > 0)
            {
                await PostgresContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
            }

            return deleted > 0;
        }, cancellationToken);

    private sealed class PageRow
    {
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public string Markdown { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }
        public string UpdatedBy { get; init; } = "";

        public SitePage ToPage() => new(Slug, Title, BodyHtml, UpdatedAt);

        public EditableSitePage ToEditable() => new(Slug, Title, Markdown, UpdatedAt, UpdatedBy);
    }
}
