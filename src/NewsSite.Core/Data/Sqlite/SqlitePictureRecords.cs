using Dapper;
using NewsSite.Core.Images;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>The pictures table: one row per stored picture, written when the file is (0014_pictures.sql).</summary>
public sealed class SqlitePictureRecords(SqliteDatabase database, TimeProvider clock) : IPictureRecords
{
    public Task RecordAsync(PictureFacts facts, PictureAbout? about = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        about ??= new PictureAbout();
        // A picture uploaded again keeps the words it has; only empty ones are filled from the new upload.
        return database.WriteAsync(unit => unit.Connection.ExecuteAsync(
            """
            INSERT INTO pictures (file_name, width, height, format, bytes, created_at, alt, caption, credit, original_name, uploaded_by)
            VALUES (@FileName, @Width, @Height, @Format, @Length, @Now, @Alt, @Caption, @Credit, @OriginalName, @UploadedBy)
            ON CONFLICT (file_name) DO UPDATE SET
                alt = CASE WHEN alt = '' THEN excluded.alt ELSE alt END,
                caption = CASE WHEN caption = '' THEN excluded.caption ELSE caption END,
                credit = CASE WHEN credit = '' THEN excluded.credit ELSE credit END,
                original_name = CASE WHEN original_name = '' THEN excluded.original_name ELSE original_name END,
                uploaded_by = coalesce(uploaded_by, excluded.uploaded_by);
            """,
            new
            {
                facts.FileName, facts.Width, facts.Height, facts.Format, facts.Length, Now = SqliteDates.ToText(clock.GetUtcNow()),
                about.Alt, about.Caption, about.Credit, about.OriginalName, about.UploadedBy,
            },
            unit.Transaction), cancellationToken);
    }
}
