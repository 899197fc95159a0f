using Dapper;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The article writes' part of the Ressorts: the Ressort an article's front matter names.</summary>
public sealed partial class PostgresRessortStore
{
    /// <summary>
    /// The Ressort an article's front matter names, by name (any case, as the unique index ix_ressorts_name compares)
    /// or by slug, within the article's unit of work.
    /// </summary>
    /// <returns>Its id, or the names of all Ressorts in order when there is none of that name.</returns>
    internal static async Task<(long? Id, IReadOnlyList<string> Known)> ResolveAsync(PostgresUnitOfWork unit, string nameOrSlug)
    {
        var id = await unit.Connection.ExecuteScalarAsync<long?>(
            """
            (SELECT id FROM ressorts WHERE lower(name) = lower(@Given)
             UNION ALL SELECT id FROM ressorts WHERE slug = lower(@Given))
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
}
