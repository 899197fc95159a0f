using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Images;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>The picture library over the pictures table (0014_pictures.sql, 0015_picture_library.sql).</summary>
public sealed class SqlitePictureLibrary(SqliteDatabase database) : IPictureLibrary
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
            // SQLite's lower() folds only ASCII; "Köln" must find "KÖLN", so the fold is .NET's.
            connection.CreateFunction("newssite_fold", (string? text) => text is null ? null : Fold(text), isDeterministic: true);
            var rows = (await connection.QueryAsync<Row>(
                $"""
                SELECT {Columns} FROM pictures
                WHERE @Pattern IS NULL
                   OR newssite_fold(original_name) LIKE @Pattern ESCAPE '\'
                   OR newssite_fold(alt) LIKE @Pattern ESCAPE '\'
                   OR newssite_fold(caption) LIKE @Pattern ESCAPE '\'
                   OR newssite_fold(credit) LIKE @Pattern ESCAPE '\'
                ORDER BY created_at DESC, file_name
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
            // The lead picture column is LeadPicture as JSON (SqliteLeadPictures: "fileName"); the text names the
            // picture by its address, /bilder/<file>, in the current revision's Markdown.
            var reference = "%" + Escape(ImageStore.UrlPrefix + fileName) + "%";
            var articles = await connection.QueryAsync<(long Id, string Title, bool IsDraft, string? TrashedAt)>(
                """
                SELECT a.id, a.title, a.is_draft, a.trashed_at FROM articles a
                LEFT JOIN revisions r ON r.article_id = a.id AND r.number = a.revision
                WHERE json_extract(a.lead_picture, '$.fileName') = @FileName
                   OR r.markdown LIKE @Reference ESCAPE '\'
                ORDER BY a.id;
                """,
                new { FileName = fileName, Reference = reference });
            var pages = await connection.QueryAsync<(string Slug, string Title)>(
                @"SELECT slug, title FROM site_pages WHERE markdown LIKE @Reference ESCAPE '\' ORDER BY slug;",
                new { Reference = reference });
            return articles
                .Select(a => new PictureUse(a.Id, null, a.Title,
                    a.TrashedAt is not null ? "im Papierkorb" : a.IsDraft ? "Entwurf" : "veröffentlicht"))
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

        var deleted = await database.WriteAsync(unit => unit.Connection.ExecuteAsync(
            "DELETE FROM pictures WHERE file_name = @FileName;", new { FileName = fileName }, unit.Transaction), cancellationToken);
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

    private sealed record Row(
        string FileName, long Width, long Height, long Bytes, string Alt, string Caption, string Credit, string OriginalName,
        string? UploadedBy, string CreatedAt)
    {
        public LibraryPicture ToPicture() => new(FileName, (int)Width, (int)Height, Bytes, Alt, Caption, Credit, OriginalName,
            UploadedBy, SqliteDates.FromText(CreatedAt));
    }
}
