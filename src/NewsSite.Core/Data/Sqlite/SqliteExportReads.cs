using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>Every article and author, read for the export: drafts, scheduled and trashed articles included.</summary>
public sealed class SqliteExportReads(SqliteDatabase database) : IExportReads
{
    public async IAsyncEnumerable<ArticleForExport> ReadAllForExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SqliteConnection connection;
        try
        {
            connection = await database.OpenAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Translate(e);
        }

        await using (connection)
        {
            // One read transaction: the export is one moment of the site even while editors write.
            await using var transaction = connection.BeginTransaction(deferred: true);

            // The tags' shared display names, in the author's order: the first spelling stored is what every page shows.
            var rows = connection.QueryUnbufferedAsync<ExportRow>(
                """
                SELECT a.slug AS Slug, a.title AS Title, a.summary AS Summary, au.display_name AS AuthorName,
                       a.published_at AS PublishedAt, a.updated_at AS UpdatedAt, a.is_draft AS IsDraft,
                       a.trashed_at IS NOT NULL AS IsTrashed,
                       (SELECT json_group_array(name) FROM (
                            SELECT t.display_name AS name FROM article_tags at JOIN tags t ON t.id = at.tag_id
                            WHERE at.article_id = a.id ORDER BY at.position)) AS TagsJson,
                       r.markdown AS Markdown, a.feed_key AS FeedKey,
                       (SELECT name FROM ressorts WHERE id = a.ressort_id) AS RessortName,
                       (SELECT json_group_array(co.display_name ORDER BY aa.position)
                        FROM article_authors aa JOIN authors co ON co.id = aa.author_id
                        WHERE aa.article_id = a.id) AS CoAuthorsJson
                FROM articles a
                JOIN authors au ON au.id = a.author_id
                JOIN revisions r ON r.article_id = a.id AND r.number = a.revision
                ORDER BY a.id;
                """,
                transaction: transaction);

            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                yield return new ArticleForExport(
                    row.Slug, row.Title, row.Summary, row.AuthorName,
                    SqliteDates.FromNullableText(row.PublishedAt), SqliteDates.FromNullableText(row.UpdatedAt),
                    row.IsDraft != 0, row.IsTrashed != 0,
                    JsonSerializer.Deserialize<List<string>>(row.TagsJson) ?? [], row.Markdown, row.FeedKey, row.RessortName)
                {
                    CoAuthorNames = row.CoAuthorsJson == "[]" ? [] : JsonSerializer.Deserialize<List<string>>(row.CoAuthorsJson) ?? [],
                };
            }
        }
    }

    public Task<IReadOnlyList<AuthorForExport>> ReadAllAuthorsForExportAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<AuthorForExport>>(async connection => (await connection.QueryAsync<AuthorForExport>(
            "SELECT slug AS Slug, display_name AS Name, bio_markdown AS BioMarkdown FROM authors ORDER BY slug;")).ToList(),
            cancellationToken);

    public Task<IReadOnlyList<Ressorts.RessortDraft>> ReadAllRessortsForExportAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<Ressorts.RessortDraft>>(async connection => (await connection.QueryAsync<(string Name, string Slug)>(
            "SELECT name, slug FROM ressorts ORDER BY position, id;")).Select(r => new Ressorts.RessortDraft(r.Name, r.Slug)).ToList(),
            cancellationToken);

    public Task<IReadOnlyList<Tags.TagAliasEntry>> ReadAllTagAliasesForExportAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<Tags.TagAliasEntry>>(async connection => (await connection.QueryAsync<(string Name, string Variant)>(
            "SELECT t.display_name, a.variant FROM tag_aliases a JOIN tags t ON t.id = a.tag_id;"))
            .GroupBy(r => r.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, GermanOrder.Names)
            .Select(g => new Tags.TagAliasEntry(g.Key, [.. g.Select(r => r.Variant).Order(GermanOrder.Names)]))
            .ToList(),
            cancellationToken);

    private sealed class ExportRow
    {
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public string? PublishedAt { get; init; }
        public string? UpdatedAt { get; init; }
        public long IsDraft { get; init; }
        public long IsTrashed { get; init; }
        public string TagsJson { get; init; } = "[]";
        public string Markdown { get; init; } = "";
        public string FeedKey { get; init; } = "";
        public string? RessortName { get; init; }
        public string CoAuthorsJson { get; init; } = "[]";
    }
}
