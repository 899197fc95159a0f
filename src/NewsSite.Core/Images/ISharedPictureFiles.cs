namespace NewsSite.Core.Images;

/// <summary>
/// The originals' bytes where every web node can fetch them (decision 0025): on PostgreSQL the picture_files table,
/// of which each node's images folder is a cache. On SQLite there is none: one node, and its folder is the truth.
/// </summary>
public interface ISharedPictureFiles
{
    /// <summary>Keeps the bytes under their name; a second call for a name already kept changes nothing (names are hashes).</summary>
    Task StoreAsync(string fileName, byte[] content, CancellationToken cancellationToken = default);

    /// <summary>The bytes kept under this name, or null when there are none.</summary>
    Task<byte[]?> FindAsync(string fileName, CancellationToken cancellationToken = default);
}
