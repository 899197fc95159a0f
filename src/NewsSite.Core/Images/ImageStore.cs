using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace NewsSite.Core.Images;

public sealed record StoredImage(string FileName, string ContentType, long Length);

/// <summary>An image that cannot be accepted; the message is German, for the editor.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);

/// <summary>
/// Pictures for articles, kept in one folder under names made from their content's SHA-256: the same picture
/// uploaded twice is stored once, and a name never points at other bytes, so browsers may cache it for a year.
/// The type is decided by the file's first bytes, never by its name or the browser's claim; SVG is not accepted
/// because it can carry script.
/// </summary>
public sealed partial class ImageStore(string folder, long maxBytes)
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public long MaxBytes { get; } = maxBytes;

    public async Task<StoredImage> SaveAsync(Stream upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);

        var bytes = await UploadReader.ReadAtMostAsync(upload, MaxBytes, cancellationToken)
            ?? throw new ImageRejectedException(
                $"Das Bild ist zu groß (höchstens {ByteSize.Format(MaxBytes)}). Bitte verkleinern und erneut hochladen.");

        if (bytes.Length == 0)
        {
            throw new ImageRejectedException("Die Bilddatei ist leer.");
        }

        var (extension, contentType) = Sniff(bytes)
            ?? throw new ImageRejectedException("Das ist kein Bild im Format PNG, JPEG, WebP oder GIF.");

        var fileName = Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + extension;
        var path = Path.Combine(Folder, fileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Folder);

            // Written beside and renamed: a reader never sees half a file under the final name.
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        return new StoredImage(fileName, contentType, bytes.Length);
    }

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
