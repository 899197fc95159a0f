using Dapper;
using NewsSite.Core.Images;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The pictures table: one row per stored picture, written when the file is (0001_schema.sql).</summary>
public sealed class PostgresPictureRecords(PostgresDatabase database, TimeProvider clock) : IPictureRecords
{
    public Task RecordAsync(PictureFacts facts, PictureAbout? about = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        about ??= new PictureAbout();
        // A picture uploaded again keeps the words it has; only empty ones are filled from the new upload.
        return database.WriteAsync(unit => unit.Connection.ExecuteAsync(
            """
            INSERT INTO pictures AS p (file_name, width, height, format, bytes, created_at, alt, caption, credit, original_name, uploaded_by)
            VALUES (@FileName, @Width, @Height, @Format, @Length, @Now, @Alt, @Caption, @Credit, @OriginalName, @UploadedBy)
            ON CONFLICT (file_name) DO UPDATE SET
                alt = CASE WHEN p.alt = '' THEN excluded.alt ELSE p.alt END,
                caption = CASE WHEN p.caption = '' THEN excluded.caption ELSE p.caption END,
                credit = CASE WHEN p.credit = '' THEN excluded.credit ELSE p.credit END,
                original_name = CASE WHEN p.original_name = '' THEN excluded.original_name ELSE p.original_name END,
                uploaded_by = coalesce(p.uploaded_by, excluded.uploaded_by);
            """,
            new
            {
                facts.FileName, facts.Width, facts.Height, facts.Format, facts.Length, Now = clock.GetUtcNow(),
                about.Alt, about.Caption, about.Credit, about.OriginalName, about.UploadedBy,
            },
            unit.Transaction), cancellationToken);
    }
}
