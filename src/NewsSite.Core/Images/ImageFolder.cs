namespace NewsSite.Core.Images;

/// <summary>How many pictures a copy between image folders took over, found already there, or passed over.</summary>
public sealed record ImageCopyReport(int Copied, int AlreadyPresent, int Skipped);

/// <summary>
/// Copies pictures between the data directory's image folder and a backup or export. Names are content hashes
/// (<see cref="ImageStore"/>), so a file of the same name already there holds the same bytes and is left alone, and
/// nothing is ever deleted or overwritten: a restore or import can only add pictures.
/// </summary>
public static class ImageFolder
{
    /// <summary>
    /// Copies every file of <paramref name="from"/> that <paramref name="to"/> lacks. Only files that look like the
    /// store's own (hash name, and bytes of the type the extension claims) are taken: the target is served to readers.
    /// </summary>
    public static Task<ImageCopyReport> CopyMissingAsync(string from, string to, CancellationToken cancellationToken = default) =>
        CopyMissingAsync(from, to, null, cancellationToken);

    /// <summary>As the other overload, for a site's images folder on PostgreSQL.</summary>
    /// <param name="shared">
    /// When <paramref name="to"/> is a site's images folder on PostgreSQL: every picture taken (or found there) is
    /// kept in the shared files too, before it is in the folder, so that every node can serve it (decision 0025).
    /// </param>
    public static async Task<ImageCopyReport> CopyMissingAsync(string from, string to, ISharedPictureFiles? shared,
        CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(from))
        {
            return new ImageCopyReport(0, 0, 0);
        }

        Directory.CreateDirectory(to);
        int copied = 0, present = 0, skipped = 0;
        foreach (var file in Directory.EnumerateFiles(from).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            var target = Path.Combine(to, name);
            if (!ImageStore.IsStoredFileName(name) || !await HasClaimedTypeAsync(file, name, cancellationToken))
            {
                skipped++;
            }
            else if (File.Exists(target))
            {
                await ShareAsync(shared, target, name, cancellationToken);
                present++;
            }
            else
            {
                await ShareAsync(shared, file, name, cancellationToken);
                // Beside and renamed, as the store writes: the site never serves half a picture.
                var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
                File.Copy(file, temporary);
                File.Move(temporary, target, overwrite: true);
                copied++;
            }
        }

        return new ImageCopyReport(copied, present, skipped);
    }

    private static async Task ShareAsync(ISharedPictureFiles? shared, string path, string name, CancellationToken cancellationToken)
    {
        if (shared is not null)
        {
            await shared.StoreAsync(name, await File.ReadAllBytesAsync(path, cancellationToken), cancellationToken);
        }
    }

    private static async Task<bool> HasClaimedTypeAsync(string path, string name, CancellationToken cancellationToken)
    {
        var head = new byte[16];
        int read;
        await using (var stream = File.OpenRead(path))
        {
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        return ImageStore.Sniff(head.AsSpan(0, read)) is { } type && name.EndsWith(type.Extension, StringComparison.Ordinal);
    }
}
