using System.Data;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Npgsql;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Postgres;

/// <summary>Every article and author, read for the export: drafts, scheduled and trashed articles included.</summary>
public sealed class PostgresExportReads(PostgresDatabase database) : IExportReads
{
    public async IAsyncEnumerable<ArticleForExport> ReadAllForExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The pool's connection, held for the whole stream; OpenAsync translates a failure to connect.
        await using var connection = await database.OpenAsync(cancellationToken);

        // One REPEATABLE READ transaction: the export is one moment of the site even while editors write.
        NpgsqlTransaction transaction;
        try
        {
            transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        }
        catch (Exception e) when (PostgresErrors.Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }

        await using (transaction)
        {
            // The tags' shared display names, in the author's order: the first spelling stored is what every page shows.
            var rows = connection.QueryUnbufferedAsync<ExportRow>(
                """
                SELECT a.slug AS Slug, a.title AS Title, a.summary AS Summary, au.display_name AS AuthorName,
                       a.published_at AS PublishedAt, a.updated_at AS UpdatedAt, a.is_draft AS IsDraft,
                       a.trashed_at IS NOT NULL AS IsTrashed,
                       (SELECT coalesce(json_agg(t.display_name ORDER BY at.position), '[]')::text
                        FROM article_tags at JOIN tags t ON t.id = at.tag_id
                        WHERE at.article_id = a.id) AS TagsJson,
                       r.markdown AS Markdown, a.feed_key AS FeedKey,
                       (SELECT name FROM ressorts WHERE id = a.ressort_id) AS RessortName,
                       (SELECT coalesce(json_agg(co.display_name ORDER BY aa.position), '[]')::text
                        FROM article_authors aa JOIN authors co ON co.id = aa.author_id
                        WHERE aa.article_id = a.id) AS CoAuthorsJson
                FROM articles a
                JOIN authors au ON au.id = a.author_id
                JOIN revisions r ON r.article_id = a.id AND r.number = a.revision
                ORDER BY a.id;
                """,
                transaction: transaction);

            // Read row by row, so that a failure of the server mid-stream leaves as StorageException too (a yield
            // cannot stand in a try with a catch).
            await using var reader = rows.WithCancellation(cancellationToken).GetAsyncEnumerator();
            while (true)
            {
                ExportRow row;
                try
                {
                    if (!await reader.MoveNextAsync())
                    {
                        break;
                    }

                    row = reader.Current;
                }
                catch (Exception e) when (PostgresErrors.Translate(e, cancellationToken) is { } translated)
                {
                    throw translated;
                }

                yield return new ArticleForExport(
                    row.Slug, row.Title, row.Summary, row.AuthorName, row.PublishedAt, row.UpdatedAt, row.IsDraft, row.IsTrashed,
                    JsonSerializer.Deserialize<List<string>>(row.TagsJson) ?? [], row.Markdown, row.FeedKey, row.RessortName)
                {
                    CoAuthorNames = row.CoAuthorsJson == "[]" ? [] : JsonSerializer.Deserialize<List<string>>(row.CoAuthorsJson) ?? [],
                };
            }
        }
    }

    /// <remarks>By slug in the order of its bytes (COLLATE "C"), as SQLite compares text.</remarks>
    public Task<IReadOnlyList<AuthorForExport>> ReadAllAuthorsForExportAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<AuthorForExport>>(async connection => (await connection.QueryAsync<AuthorRow>(new CommandDefinition(
            """SELECT slug AS Slug, display_name AS Name, bio_markdown AS BioMarkdown FROM authors ORDER BY slug COLLATE "C";""",
            cancellationToken: cancellationToken))).Select(r => new AuthorForExport(r.Slug, r.Name, r.BioMarkdown)).ToList(),
            cancellationToken);

    public Task<IReadOnlyList<Ressorts.RessortDraft>> ReadAllRessortsForExportAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<Ressorts.RessortDraft>>(async connection => (await connection.QueryAsync<NameRow>(new CommandDefinition(
            "SELECT name AS Name, slug AS Value FROM ressorts ORDER BY position, id;", cancellationToken: cancellationToken)))
            .Select(r => new Ressorts.RessortDraft(r.Name, r.Value)).ToList(),
            cancellationToken);

    public Task<IReadOnlyList<Tags.TagAliasEntry>> ReadAllTagAliasesForExportAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<Tags.TagAliasEntry>>(async connection => (await connection.QueryAsync<NameRow>(new CommandDefinition(
            "SELECT t.display_name AS Name, a.variant AS Value FROM tag_aliases a JOIN tags t ON t.id = a.tag_id;",
            cancellationToken: cancellationToken)))
            .GroupBy(r => r.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, GermanOrder.Names)
            .Select(g => new Tags.TagAliasEntry(g.Key, [.. g.Select(r => r.Value).Order(GermanOrder.Names)]))
            .ToList(),
            cancellationToken);

    private sealed class ExportRow
    {
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public DateTimeOffset? PublishedAt { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public bool IsDraft { get; init; }
        public bool IsTrashed { get; init; }
        public string TagsJson { get; init; } = "[]";
        public string Markdown { get; init; } = "";
        public string FeedKey { get; init; } = "";
        public string? RessortName { get; init; }
        public string CoAuthorsJson { get; init; } = "[]";
    }

    private sealed class AuthorRow
    {
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string? BioMarkdown { get; init; }
    }

    private sealed class NameRow
    {
        public string Name { get; init; } = "";
        public string Value { get; init; } = "";
    }
}
