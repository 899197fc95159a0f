using Dapper;
using NewsSite.Core.Images;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The picture library over the pictures table (0001_schema.sql).</summary>
public sealed class PostgresPictureLibrary(PostgresDatabase database) : IPictureLibrary
{
    private const string Columns =
        """
        file_name AS FileName, width AS Width, height AS Height, bytes AS Bytes, alt AS Alt, caption AS Caption,
        credit AS Credit, original_name AS OriginalName, uploaded_by AS UploadedBy, created_at AS CreatedAt
        """;

    public Task<PicturePage> SearchAsync(string? query, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var pattern = string.IsNullOrWhiteSpace(query) ? null : "%" + Escape(Fold(query.Trim())) + "%";
        return database.RunAsync(async connection =>
        {
            // "Köln" must find "KÖLN": lower() under the ICU collation folds every letter, whatever the database's own
            // locale (under "C" it folds only ASCII); the pattern is folded by .NET alike.
            var rows = (await connection.QueryAsync<Row>(
                $"""
                SELECT {Columns} FROM pictures
                WHERE @Pattern::text IS NULL
                   OR lower(original_name COLLATE german) LIKE @Pattern ESCAPE '\'
                   OR lower(alt COLLATE german) LIKE @Pattern ESCAPE '\'
                   OR lower(caption COLLATE german) LIKE @Pattern ESCAPE '\'
                   OR lower(credit COLLATE german) LIKE @Pattern ESCAPE '\'
                ORDER BY created_at DESC, file_name COLLATE "C"
                LIMIT @Take OFFSET @Skip;
                """,
                new { Pattern = pattern, Take = pageSize + 1, Skip = (page - 1) * pageSize })).ToList();
            return new PicturePage(rows.Take(pageSize).Select(r => r.ToPicture()).ToList(), rows.Count > pageSize);
        }, cancellationToken);
    }

    public Task<LibraryPicture?> FindAsync(string fileName, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<Row>(
                $"SELECT {Columns} FROM pictures WHERE file_name = @FileName;", new { FileName = fileName }))?.ToPicture(),
            cancellationToken);

    public async Task<IReadOnlyList<(string Field, string Message)>> UpdateDetailsAsync(
        string fileName, PictureDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var problems = details.Problems();
        if (problems.Count > 0)
        {
            return problems;
        }

        var updated = await database.WriteAsync(unit => unit.Connection.ExecuteAsync(
            "UPDATE pictures SET alt = @Alt, caption = @Caption, credit = @Credit WHERE file_name = @FileName;",
            new { details.Alt, details.Caption, details.Credit, FileName = fileName }, unit.Transaction), cancellationToken);
        return updated == 0 ? [("", "Dieses Bild gibt es nicht (mehr).")] : [];
    }

    public Task<IReadOnlyList<PictureUse>> UsageAsync(string fileName, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<PictureUse>>(async connection =>
        {
            // The lead picture column is LeadPicture as JSON text (LeadPictureJson: "fileName"); the text names the
            // picture by its address, /bilder/<file>, in the current revision's Markdown. One command, two results.
            var reference = "%" + Escape(ImageStore.UrlPrefix + fileName) + "%";
            await using var results = await connection.QueryMultipleAsync(
                """
                SELECT a.id AS Id, a.title AS Title, a.is_draft AS IsDraft, a.trashed_at IS NOT NULL AS Trashed FROM articles a
                LEFT JOIN revisions r ON r.article_id = a.id AND r.number = a.revision
                WHERE a.lead_picture::json ->> 'fileName' = @FileName
                   OR r.markdown LIKE @Reference ESCAPE '\'
                ORDER BY a.id;

                SELECT slug AS Slug, title AS Title FROM site_pages WHERE markdown LIKE @Reference ESCAPE '\' ORDER BY slug COLLATE "C";
                """,
                new { FileName = fileName, Reference = reference });
            var articles = await results.ReadAsync<(long Id, string Title, bool IsDraft, bool Trashed)>();
            var pages = await results.ReadAsync<(string Slug, string Title)>();
            return articles
                .Select(a => new PictureUse(a.Id, null, a.Title,
                    a.Trashed ? "im Papierkorb" : a.IsDraft ? "Entwurf" : "veröffentlicht"))
                .Concat(pages.Select(p => new PictureUse(null, p.Slug, p.Title, "feste Seite")))
                .ToList();
        }, cancellationToken);

    public async Task<PictureDeletion> DeleteAsync(string fileName, string imagesFolder, string variantsFolder, CancellationToken cancellationToken = default)
    {
        if (!ImageStore.IsStoredFileName(fileName))
        {
            return new PictureDeletion(false, []);
        }

        var usage = await UsageAsync(fileName, cancellationToken);
        if (usage.Count > 0)
        {
            return new PictureDeletion(false, usage);
        }

        // The bytes go with the row, so that no node fetches the picture again (decision 0025).
        var deleted = await database.WriteAsync(async unit =>
        {
            await unit.Connection.ExecuteAsync(
                "DELETE FROM picture_files WHERE file_name = @FileName;", new { FileName = fileName }, unit.Transaction);
            return await unit.Connection.ExecuteAsync(
                "DELETE FROM pictures WHERE file_name = @FileName;", new { FileName = fileName }, unit.Transaction);
        }, cancellationToken);
        File.Delete(Path.Combine(imagesFolder, fileName));
        var hash = fileName[..32];
        if (Directory.Exists(variantsFolder))
        {
            foreach (var variant in Directory.EnumerateFiles(variantsFolder, hash + "-*"))
            {
                File.Delete(variant);
            }
        }

        return new PictureDeletion(deleted > 0, []);
    }

    private static string Fold(string text) => text.ToLowerInvariant();

    private static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private sealed class Row
    {
        public string FileName { get; init; } = "";
        public int Width { get; init; }
        public int Height { get; init; }
        public long Bytes { get; init; }
        public string Alt { get; init; } = "";
        public string Caption { get; init; } = "";
        public string Credit { get; init; } = "";
        public string OriginalName { get; init; } = "";
        public string? UploadedBy { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public LibraryPicture ToPicture() => new(FileName, Width, Height, Bytes, Alt, Caption, Credit, OriginalName, UploadedBy, CreatedAt);
    }
}
