using System.Text.Json;
using Dapper;
using NewsSite.Core.Images;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>The pictures table: one row per stored picture, written when the file is (0014_pictures.sql).</summary>
public sealed class SqlitePictureRecords(SqliteDatabase database, TimeProvider clock) : IPictureRecords
{
    public Task RecordAsync(PictureFacts facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return database.WriteAsync(unit => unit.Connection.ExecuteAsync(
            """
            INSERT INTO pictures (file_name, width, height, format, bytes, created_at)
            VALUES (@FileName, @Width, @Height, @Format, @Length, @Now)
            ON CONFLICT (file_name) DO NOTHING;
            """,
            new { facts.FileName, facts.Width, facts.Height, facts.Format, facts.Length, Now = SqliteDates.ToText(clock.GetUtcNow()) },
            unit.Transaction), cancellationToken);
    }
}

/// <summary>The lead picture column of articles, as JSON: written with the article, read with every teaser.</summary>
internal static class SqliteLeadPictures
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string? Write(LeadPicture? picture) => picture is null ? null : JsonSerializer.Serialize(picture, Json);

    public static LeadPicture? Read(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<LeadPicture>(json, Json);
}
