using Dapper;
using NewsSite.Core.Images;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The originals' bytes in picture_files (0002_picture_files.sql), so that every node serves every picture.</summary>
public sealed class PostgresPictureFiles(PostgresDatabase database, TimeProvider clock) : ISharedPictureFiles
{
    public Task StoreAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        // The name is the hash of the bytes: a row already there holds these bytes, so it is left as it is.
        return database.WriteAsync(unit => unit.Connection.ExecuteAsync(
            """
            INSERT INTO picture_files (file_name, content, stored_at) VALUES (@FileName, @Content, @Now)
            ON CONFLICT (file_name) DO NOTHING;
            """,
            new { FileName = fileName, Content = content, Now = clock.GetUtcNow() },
            unit.Transaction), cancellationToken);
    }

    public Task<byte[]?> FindAsync(string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return database.RunAsync(connection => connection.QuerySingleOrDefaultAsync<byte[]?>(
            "SELECT content FROM picture_files WHERE file_name = @FileName;", new { FileName = fileName }), cancellationToken);
    }
}
