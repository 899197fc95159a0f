using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NetVips;

namespace NewsSite.Core.Images;

public sealed record StoredImage(string FileName, string ContentType, long Length, int Width, int Height)
{
    public PictureFacts Facts => new(FileName, Width, Height, Path.GetExtension(FileName), Length);
}

/// <summary>An image that cannot be accepted; the message is German, for the editor.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);

/// <summary>Keeps the facts of each stored picture where every web node can read them (the pictures table).</summary>
public interface IPictureRecords
{
    /// <param name="about">What the uploader said of the picture; null (or empty words) for imports and older callers.</param>
    Task RecordAsync(PictureFacts facts, PictureAbout? about = null, CancellationToken cancellationToken = default);
}

/// <summary>What an editor says of a picture when uploading it (picture library, decision 0015). Empty by default.</summary>
public sealed record PictureAbout(string Alt = "", string Caption = "", string Credit = "", string OriginalName = "", string? UploadedBy = null);

/// <summary>
/// Pictures for articles, kept in one folder under names made from the SHA-256 of the bytes that came in: the same
/// picture uploaded twice is stored once, and a name never points at other bytes, so browsers may cache it for a year.
/// What is stored is what <see cref="PictureProcessor"/> made of it: checked by content, upright, without metadata.
/// SVG is not accepted because it can carry script. With <paramref name="sharedFiles"/> (PostgreSQL, several web nodes,
/// decision 0025) the folder is this node's cache of the shared bytes: a picture is kept there before anyone can
/// learn its name, and one this node lacks is fetched from there on its first use.
/// </summary>
public sealed partial class ImageStore(string folder, long maxBytes, long maxPixels = ImageStore.DefaultMaxPixels, IPictureRecords? records = null,
    ISharedPictureFiles? sharedFiles = null)
{
    /// <summary>40 megapixels: more than any camera a newsroom uses (a 45 MP full-frame photo needs downscaling).</summary>
    public const long DefaultMaxPixels = 40_000_000;

    private readonly ConcurrentDictionary<string, PictureFacts?> _facts = new(StringComparer.Ordinal);

    // Names this process knows to be in the shared files (stored or fetched here): a picture uploaded again is sent once.
    private readonly ConcurrentDictionary<string, bool> _shared = new(StringComparer.Ordinal);

    public string Folder { get; } = Path.GetFullPath(folder);

    public long MaxBytes { get; } = maxBytes;

    public long MaxPixels { get; } = maxPixels;

    public Task<StoredImage> SaveAsync(Stream upload, CancellationToken cancellationToken = default) =>
        SaveAsync(upload, null, cancellationToken);

    public async Task<StoredImage> SaveAsync(Stream upload, PictureAbout? about, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);

        var bytes = await UploadReader.ReadAtMostAsync(upload, MaxBytes, cancellationToken)
            ?? throw TooLarge();
        return await SaveAsync(bytes, about, cancellationToken);
    }

    public Task<StoredImage> SaveAsync(byte[] bytes, CancellationToken cancellationToken = default) =>
        SaveAsync(bytes, null, cancellationToken);

    public async Task<StoredImage> SaveAsync(byte[] bytes, PictureAbout? about, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes)
        {
            throw TooLarge();
        }

        // Named by what came in, so that the same file from content/ or a zip is found again without decoding it.
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
        if (ImageStore.Sniff(bytes) is { } sniffed && await FindAsync(hash + sniffed.Extension, cancellationToken) is { } known)
        {
            // A file from before the shared files (or copied into the folder) reaches them now, before its row can.
            await ShareAsync(known.FileName, () => File.ReadAllBytesAsync(PathOf(known.FileName), cancellationToken), cancellationToken);
            if (records is not null && about is not null)
            {
                // Uploaded again with words: the library keeps them where it had none yet (or no row at all).
                await records.RecordAsync(known, about, cancellationToken);
            }

            return new StoredImage(known.FileName, known.ContentType, known.Length, known.Width, known.Height);
        }

        var prepared = PictureProcessor.Prepare(bytes, MaxPixels);
        var fileName = hash + prepared.Extension;
        var path = Path.Combine(Folder, fileName);

        // Shared first: once the file or the row is there, another node may be asked for the picture.
        await ShareAsync(fileName, () => Task.FromResult(prepared.Bytes), cancellationToken);
        await WriteFileAsync(path, prepared.Bytes, cancellationToken);

        var facts = new PictureFacts(fileName, prepared.Width, prepared.Height, prepared.Extension, prepared.Bytes.Length);
        _facts[fileName] = facts;
        if (records is not null)
        {
            await records.RecordAsync(facts, about, cancellationToken);
        }

        return new StoredImage(fileName, facts.ContentType, facts.Length, facts.Width, facts.Height);
    }

    /// <summary>
    /// As <see cref="FindAsync"/>, for Markdown, which is rendered synchronously. Fetching a picture from the shared
    /// files blocks: it happens once per picture and node, when an article is saved there, never on a reader's page.
    /// </summary>
    public PictureFacts? Find(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (FindHere(fileName) is { } here)
        {
            return here;
        }

        // On the thread pool, so that no synchronization context waits on itself.
        return sharedFiles is null || !IsStoredFileName(fileName)
            ? null
            : Task.Run(() => FetchAsync(fileName, CancellationToken.None)).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The facts of a stored picture, or null when there is no such picture. Read from the file's header (no decoding)
    /// once and kept: a name never points at other bytes. A picture this node lacks is fetched from the shared files,
    /// where there are any, and written into the folder: from then on it is served from here.
    /// </summary>
    public async Task<PictureFacts?> FindAsync(string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return FindHere(fileName) ?? (sharedFiles is null || !IsStoredFileName(fileName) ? null : await FetchAsync(fileName, cancellationToken));
    }

    private async Task<PictureFacts?> FetchAsync(string fileName, CancellationToken cancellationToken)
    {
        // Bytes that are not of the type the name claims are not served (as ImageFolder takes none into the folder).
        if (await sharedFiles!.FindAsync(fileName, cancellationToken) is not { } bytes
            || Sniff(bytes)?.Extension != Path.GetExtension(fileName))
        {
            return null; // a 404, as for a file that is not there: it may be uploaded later
        }

        _shared[fileName] = true;
        await WriteFileAsync(PathOf(fileName), bytes, cancellationToken);
        return FindHere(fileName);
    }

    private async Task ShareAsync(string fileName, Func<Task<byte[]>> bytes, CancellationToken cancellationToken)
    {
        if (sharedFiles is not null && !_shared.ContainsKey(fileName))
        {
            await sharedFiles.StoreAsync(fileName, await bytes(), cancellationToken);
            _shared[fileName] = true;
        }
    }

    private async Task WriteFileAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);

        // Written beside and renamed: a reader never sees half a file under the final name.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private PictureFacts? FindHere(string fileName)
    {
        if (!IsStoredFileName(fileName))
        {
            return null;
        }

        if (_facts.TryGetValue(fileName, out var known) && known is not null)
        {
            return known;
        }

        var path = Path.Combine(Folder, fileName);
        if (!File.Exists(path))
        {
            return null; // not kept: it may be uploaded or restored later
        }

        try
        {
            using var header = Image.NewFromFile(path, access: Enums.Access.Sequential);
            var facts = new PictureFacts(fileName, header.Width, header.Height, Path.GetExtension(fileName), new FileInfo(path).Length);
            _facts[fileName] = facts;
            return facts;
        }
        catch (VipsException)
        {
            return null;
        }
    }

    /// <summary>The facts of a picture named by its address on the site (/bilder/…), or null.</summary>
    public PictureFacts? FindByUrl(string? url) =>
        url is not null && url.StartsWith(UrlPrefix, StringComparison.Ordinal) ? Find(url[UrlPrefix.Length..]) : null;

    public const string UrlPrefix = "/bilder/";

    /// <summary>Drops what is known of a deleted picture, so that no variant is made from it again.</summary>
    public void Forget(string fileName)
    {
        _facts.TryRemove(fileName, out _);
        _shared.TryRemove(fileName, out _);
    }

    public string PathOf(string fileName) => Path.Combine(Folder, fileName);

    private ImageRejectedException TooLarge() =>
        new($"Das Bild ist zu groß (höchstens {ByteSize.Format(MaxBytes)}). Bitte verkleinern und erneut hochladen.");

    /// <summary>Whether a file name has the form this store gives its files: a 32-digit hash and a known extension.</summary>
    public static bool IsStoredFileName(string fileName) => StoredFileName().IsMatch(fileName);

    /// <summary>The format by its magic bytes, or null for anything else.</summary>
    public static (string Extension, string ContentType)? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (".png", "image/png");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return (".jpg", "image/jpeg");
        }

        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return (".gif", "image/gif");
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return (".webp", "image/webp");
        }

        return null;
    }

    [GeneratedRegex(@"^[0-9a-f]{32}\.(png|jpg|gif|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredFileName();
}
