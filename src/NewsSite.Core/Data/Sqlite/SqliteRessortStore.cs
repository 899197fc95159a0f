using Dapper;
using NewsSite.Core.Ressorts;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// The Ressort list in tables ressorts and ressort_redirects (0013_ressorts.sql). Each change is one unit of work with a
/// whole-site journal entry, because the header navigation of every cached page shows the list.
/// </summary>
public sealed class SqliteRessortStore(SqliteDatabase database, TimeProvider clock) : IRessortStore
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
            await SqliteContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
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
            var now = SqliteDates.ToText(clock.GetUtcNow());
            await unit.Connection.ExecuteAsync(
                """
                UPDATE ressorts SET name = @Name, slug = @Slug WHERE id = @Id;
                DELETE FROM ressort_redirects WHERE slug = @Slug;
                """,
                new { Id = id, draft.Name, draft.Slug }, unit.Transaction);
            if (existing.Slug != draft.Slug)
            {
                await unit.Connection.ExecuteAsync(
                    "INSERT OR REPLACE INTO ressort_redirects (slug, ressort_id, created_at) VALUES (@Old, @Id, @Now);",
                    new { Old = existing.Slug, Id = id, Now = now }, unit.Transaction);
            }

            await SqliteContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
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
            await SqliteContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
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
            await SqliteContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
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

            await SqliteContentJournal.RecordEveryPageChangeAsync(unit, clock.GetUtcNow());
            return starters.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// The Ressort an article's front matter names, by name (any case) or by slug, within the article's unit of work.
    /// </summary>
    /// <returns>Its id, or the names of all Ressorts in order when there is none of that name.</returns>
    internal static async Task<(long? Id, IReadOnlyList<string> Known)> ResolveAsync(SqliteUnitOfWork unit, string nameOrSlug)
    {
        var id = await unit.Connection.ExecuteScalarAsync<long?>(
            """
            SELECT id FROM ressorts WHERE name = @Given
            UNION ALL SELECT id FROM ressorts WHERE slug = lower(@Given)
            LIMIT 1;
            """,
            new { Given = nameOrSlug.Trim() }, unit.Transaction);
        if (id is not null)
        {
            return (id, []);
        }

        var known = await unit.Connection.QueryAsync<string>("SELECT name FROM ressorts ORDER BY position, id;", transaction: unit.Transaction);
        return (null, [.. known]);
    }

    private async Task<Ressort> InsertAsync(SqliteUnitOfWork unit, RessortDraft draft)
    {
        Refuse(draft);
        await CheckFreeAsync(unit, draft, ownId: 0);
        var row = await unit.Connection.QuerySingleAsync<RessortRow>(
            $"""
            DELETE FROM ressort_redirects WHERE slug = @Slug;
            INSERT INTO ressorts (name, slug, position, created_at)
            VALUES (@Name, @Slug, (SELECT coalesce(max(position), 0) + 1 FROM ressorts), @Now)
            RETURNING {Columns};
            """,
            new { draft.Name, draft.Slug, Now = SqliteDates.ToText(clock.GetUtcNow()) }, unit.Transaction);
        return row.ToRessort();
    }

    private static void Refuse(RessortDraft draft)
    {
        if (draft.Problem() is { } problem)
        {
            throw new RessortConflictException(problem.Message, problem.Field);
        }
    }

    private static async Task CheckFreeAsync(SqliteUnitOfWork unit, RessortDraft draft, long ownId)
    {
        var holders = await unit.Connection.QuerySingleAsync<(string? ByName, string? BySlug)>(
            """
            SELECT (SELECT name FROM ressorts WHERE name = @Name AND id <> @Id),
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

    private static async Task RenumberAsync(SqliteUnitOfWork unit, List<long> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            await unit.Connection.ExecuteAsync(
                "UPDATE ressorts SET position = @Position WHERE id = @Id;", new { Position = i + 1, Id = ordered[i] }, unit.Transaction);
        }
    }

    private static string ArticleCount(long count) => count == 1 ? "1 Artikel" : $"{count} Artikel";

    private sealed class RessortRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
        public long Position { get; init; }

        public Ressort ToRessort() => new(Id, Name, Slug, (int)Position);
    }
}
