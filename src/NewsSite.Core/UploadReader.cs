namespace NewsSite.Core;

/// <summary>Reads uploads without trusting their declared size.</summary>
public static class UploadReader
{
    /// <returns>All bytes, or null as soon as there are more than <paramref name="maxBytes"/>: a huge or endless
    /// stream costs at most one buffer beyond the limit.</returns>
    public static async Task<byte[]?> ReadAtMostAsync(Stream stream, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
