using System.Text.Json;
using Dapper;
using NewsSite.Core.Editing;

namespace NewsSite.Core.Data.Postgres;

/// <summary>Autosaves in table autosaves (0001_schema.sql), the form as JSON; see <see cref="IAutosaveStore"/>.</summary>
public sealed class PostgresAutosaveStore(PostgresDatabase database) : IAutosaveStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Plain statements, not a unit of work: nothing public changes, so there is no journal entry and no signal to the
    // page cache.
    public Task SaveAsync(string userName, long articleId, int baseRevision, EditorForm form, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(form);
        return database.RunAsync(connection => connection.ExecuteAsync(
            """
            INSERT INTO autosaves (user_name, article_id, base_revision, form, saved_at)
            VALUES (@UserName, @ArticleId, @BaseRevision, @Form, @SavedAt)
            ON CONFLICT (user_name, article_id) DO UPDATE
            SET base_revision = excluded.base_revision, form = excluded.form, saved_at = excluded.saved_at;
            """,
            new
            {
                UserName = userName,
                ArticleId = articleId,
                BaseRevision = baseRevision,
                Form = JsonSerializer.Serialize(form, Json),
                SavedAt = now,
            }), cancellationToken);
    }

    public Task<Autosave?> FindAsync(string userName, long articleId, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<(int BaseRevision, string Form, DateTimeOffset SavedAt)?>(
                "SELECT base_revision, form, saved_at FROM autosaves WHERE user_name = @UserName AND article_id = @ArticleId;",
                new { UserName = userName, ArticleId = articleId });
            return row is { } found
                ? new Autosave(userName, articleId, found.BaseRevision, Read(found.Form), found.SavedAt)
                : null;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string userName, long articleId, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection => await connection.ExecuteAsync(
            "DELETE FROM autosaves WHERE user_name = @UserName AND article_id = @ArticleId;",
            new { UserName = userName, ArticleId = articleId }) > 0, cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.ExecuteAsync(
            "DELETE FROM autosaves WHERE saved_at < @OlderThan;",
            new { OlderThan = olderThan }), cancellationToken);

    // A field added to the form later is missing from older rows; it reads as its default, empty.
    private static EditorForm Read(string json) => JsonSerializer.Deserialize<EditorForm>(json, Json) ?? EditorForm.Empty;
}
