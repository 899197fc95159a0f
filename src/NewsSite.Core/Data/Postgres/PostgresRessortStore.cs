using Dapper;
using NewsSite.Core.Ressorts;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The Ressort list in tables ressorts and ressort_redirects (0001_schema.sql). Each change is one unit of work with a
/// whole-site journal entry, because the header navigation of every cached page shows the list.
/// </summary>
public sealed partial class PostgresRessortStore(PostgresDatabase database, TimeProvider clock) : IRessortStore
{
    private const string Columns = "id AS Id, name AS Name, slug AS Slug, position AS Position";

    public Task<IReadOnlyList<Ressort>> ListAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<Ressort>>(async connection =>
            [.. (await connection.QueryAsync<RessortRow>($"SELECT {Columns} FROM ressorts ORDER BY position, id;")).Select(r => r.ToRessort())],
            cancellationToken);

    public Task<IReadOnlyDictionary<long, int>> CountArticlesAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyDictionary<long, int>>(async connection =>
            (await connection.QueryAsync<(long Id, long Count)>(
                "SELECT ressort_id, count(*) FROM articles WHERE ressort_id IS NOT NULL GROUP BY ressort_id;"))
            .ToDictionary(r => r.Id, r => (int)r.Count),
            cancellationToken);

    public Task<Ressort?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<RessortRow>($"SELECT {Columns} FROM ressorts WHERE slug = @Slug;", new { Slug = slug }))?.ToRessort(),
            cancellationToken);

    public Task<string?> FindRedirectAsync(string oldSlug, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT r.slug FROM ressort_redirects x JOIN ressorts r ON r.id = x.ressort_id WHERE x.slug = @Slug;",
            new { Slug = oldSlug }), cancellationToken);

    public Task<Ressort> AddAsync(RessortDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return database.WriteAsync(async unit =>
        {
            var ressort = await InsertAsync(unit, draft);
            await PostgresContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
            return ressort;
        }, cancellationToken);
    }

    public Task<bool> UpdateAsync(long id, RessortDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Refuse(draft);
        return database.WriteAsync(async unit =>
        {
            var existing = await unit.Connection.QuerySingleOrDefaultAsync<RessortRow>(
                $"SELECT {Columns} FROM ressorts WHERE id = @Id;", new { Id = id }, unit.Transaction);
            if (existing is null)
            {
                return false;
            }

            if (existing.Name == draft.Name && existing.Slug == draft.Slug)
            {
                return true;
            }

            await CheckFreeAsync(unit, draft, id);
            var now = clock.GetUtcNow();
            await unit.Connection.ExecuteAsync(
                """
                UPDATE ressorts SET name = @Name, slug = @Slug WHERE id = @Id;
                DELETE FROM ressort_redirects WHERE slug = @Slug;
                """,
                new { Id = id, draft.Name, draft.Slug }, unit.Transaction);
            if (existing.Slug != draft.Slug)
            {
                await unit.Connection.ExecuteAsync(
                    """
                    INSERT INTO ressort_redirects (slug, ressort_id, created_at) VALUES (@Old, @Id, @Now)
                    ON CONFLICT (slug) DO UPDATE SET ressort_id = excluded.ressort_id, created_at = excluded.created_at;
                    """,
                    new { Old = existing.Slug, Id = id, Now = now }, unit.Transaction);
            }

            await PostgresContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
            return true;
        }, cancellationToken);
    }

    public Task<bool> MoveAsync(long id, bool up, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var ordered = (await unit.Connection.QueryAsync<long>("SELECT id FROM ressorts ORDER BY position, id;", transaction: unit.Transaction)).ToList();
            var index = ordered.IndexOf(id);
            if (index < 0)
            {
                return false;
            }

            var target = up ? index - 1 : index + 1;
            if (target < 0 || target >= ordered.Count)
            {
                return true;
            }

            (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
            await RenumberAsync(unit, ordered);
            await PostgresContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
            return true;
        }, cancellationToken);

    public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var row = await unit.Connection.QuerySingleOrDefaultAsync<(string Name, long Articles)>(
                "SELECT name, (SELECT count(*) FROM articles WHERE ressort_id = r.id) FROM ressorts r WHERE id = @Id;",
                new { Id = id }, unit.Transaction);
            if (row.Name is null)
            {
                return false;
            }

            if (row.Articles > 0)
            {
                throw new RessortConflictException(
                    $"Das Ressort „{row.Name}“ lässt sich nicht löschen: {ArticleCount(row.Articles)} gehören dazu " +
                    "(Entwürfe und Papierkorb mitgezählt). Bitte sie zuerst einem anderen Ressort zuordnen.", "delete");
            }

            await unit.Connection.ExecuteAsync("DELETE FROM ressorts WHERE id = @Id;", new { Id = id }, unit.Transaction);
            await PostgresContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
            return true;
        }, cancellationToken);

    public Task<int> SeedAsync(IReadOnlyList<RessortDraft> starters, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(starters);
        return database.WriteAsync(async unit =>
        {
            if (dryRun)
            {
                unit.RollBackAtEnd();
            }

            if (starters.Count == 0 || await unit.Connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM ressorts);", transaction: unit.Transaction))
            {
                return 0;
            }

            foreach (var draft in starters)
            {
                await InsertAsync(unit, draft);
            }

            await PostgresContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
            return starters.Count;
        }, cancellationToken);
    }

    private async Task<Ressort> InsertAsync(PostgresUnitOfWork unit, RessortDraft draft)
    {
        Refuse(draft);
        await CheckFreeAsync(unit, draft, ownId: 0);

        // One statement: the redirect a new Ressort takes over goes in the same command as the insert.
        var row = await unit.Connection.QuerySingleAsync<RessortRow>(
            $"""
            WITH taken AS (DELETE FROM ressort_redirects WHERE slug = @Slug)
            INSERT INTO ressorts (name, slug, position, created_at)
            VALUES (@Name, @Slug, (SELECT coalesce(max(position), 0) + 1 FROM ressorts), @Now)
            RETURNING {Columns};
            """,
            new { draft.Name, draft.Slug, Now = clock.GetUtcNow() }, unit.Transaction);
        return row.ToRessort();
    }

    private static void Refuse(RessortDraft draft)
    {
        if (draft.Problem() is { } problem)
        {
            throw new RessortConflictException(problem.Message, problem.Field);
        }
    }

    private static async Task CheckFreeAsync(PostgresUnitOfWork unit, RessortDraft draft, long ownId)
    {
        // Names compare in any case, as the unique index ix_ressorts_name on lower(name) does (SQLite: COLLATE NOCASE).
        var holders = await unit.Connection.QuerySingleAsync<(string? ByName, string? BySlug)>(
            """
            SELECT (SELECT name FROM ressorts WHERE lower(name) = lower(@Name) AND id <> @Id),
                   (SELECT name FROM ressorts WHERE slug = @Slug AND id <> @Id);
            """,
            new { draft.Name, draft.Slug, Id = ownId }, unit.Transaction);
        if (holders.ByName is { } byName)
        {
            throw new RessortConflictException($"Ein Ressort „{byName}“ gibt es schon. Bitte einen anderen Namen wählen.", "name");
        }

        if (holders.BySlug is { } bySlug)
        {
            throw new RessortConflictException($"Der Slug „{draft.Slug}“ gehört schon dem Ressort „{bySlug}“. Bitte einen anderen wählen.", "slug");
        }
    }

    private static Task<int> RenumberAsync(PostgresUnitOfWork unit, List<long> ordered) =>
        // One statement for the whole list: each id gets its place in the order, counted from 1.
        unit.Connection.ExecuteAsync(
            """
            UPDATE ressorts r SET position = o.position
            FROM unnest(@Ids) WITH ORDINALITY AS o(id, position)
            WHERE r.id = o.id AND r.position IS DISTINCT FROM o.position;
            """,
            new { Ids = ordered.ToArray() }, unit.Transaction);

    private static string ArticleCount(long count) => count == 1 ? "1 Artikel" : $"{count} Artikel";

    private sealed class RessortRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
        public int Position { get; init; }

        public Ressort ToRessort() => new(Id, Name, Slug, Position);
    }
}
