using System.Text.RegularExpressions;
using NetVips;

namespace NewsSite.Core.Images;

/// <summary>A crop for structured data: Google asks for 16:9, 4:3 and 1:1, each at least 1200 px wide.</summary>
public sealed record PictureCrop(string Name, int RatioWidth, int RatioHeight);

/// <summary>
/// The smaller copies of a stored picture: widths for srcset as WebP and JPEG, and the crops for JSON-LD and og:image.
/// Made on the first request for one and kept on disk (decision 0010): an upload or an import stores only the
/// original, so importing content/ costs no encoding. The set a picture can have is fixed by its width (never
/// upscaled, never more than <see cref="Widths"/> plus its own width), so no request can make the site encode or keep
/// anything else. Names carry the original's content hash: a variant's bytes never change, and may be cached a year.
/// </summary>
public sealed partial class PictureVariants(ImageStore originals, string folder)
{
    public static readonly IReadOnlyList<int> Widths = [480, 800, 1200, 1600];

    /// <summary>Width of the crops; og:image and Google's rich results want at least 1200.</summary>
    public const int CropWidth = 1200;

    public static readonly IReadOnlyList<PictureCrop> Crops = [new("16x9", 16, 9), new("4x3", 4, 3), new("1x1", 1, 1)];

    // Encoding on a shared 2-core machine: two at once at most, the rest wait their turn.
    private static readonly SemaphoreSlim Encoders = new(2);

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The widths a picture of this width is offered in, narrowest first.</summary>
    public static IReadOnlyList<int> WidthsFor(int originalWidth)
    {
        var widths = Widths.Where(w => w < originalWidth).ToList();
        if (originalWidth <= Widths[^1])
        {
            widths.Add(originalWidth);
        }

        return widths;
    }

    public static string WidthUrl(PictureFacts picture, int width, string extension) =>
        $"{ImageStore.UrlPrefix}{Hash(picture)}-{width}{extension}";

    public static string CropUrl(PictureFacts picture, PictureCrop crop) => $"{ImageStore.UrlPrefix}{Hash(picture)}-{crop.Name}.jpg";

    /// <summary>A crop's size: as wide as <see cref="CropWidth"/> when the picture allows, never upscaled.</summary>
    public static (int Width, int Height) CropSize(PictureFacts picture, PictureCrop crop)
    {
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentNullException.ThrowIfNull(crop);
        var width = Math.Min(CropWidth, Math.Min(picture.Width, picture.Height * crop.RatioWidth / crop.RatioHeight));
        return (width, Math.Max(1, width * crop.RatioHeight / crop.RatioWidth));
    }

    /// <summary>
    /// The file of the variant named, made now if it is not there yet; null when the name is not one of a stored
    /// picture's variants.
    /// </summary>
    public async Task<(string Path, string ContentType)?> FindOrMakeAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var match = VariantName().Match(name);
        if (!match.Success || await OriginalOfAsync(match.Groups["hash"].Value, cancellationToken) is not { } original)
        {
            return null;
        }

        var extension = match.Groups["ext"].Value;
        var size = match.Groups["size"].Value;
        PictureCrop? crop = null;
        if (int.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width))
        {
            if (!WidthsFor(original.Width).Contains(width))
            {
                return null;
            }
        }
        else if ((crop = Crops.FirstOrDefault(c => c.Name == size)) is null || extension != ".jpg")
        {
            return null;
        }

        var path = Path.Combine(Folder, name);
        var contentType = PictureFormats.ContentType(extension);
        if (File.Exists(path))
        {
            return (path, contentType);
        }

        await Encoders.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(path))
            {
                var bytes = crop is null ? Resize(original, width, extension) : Crop(original, crop);
                Directory.CreateDirectory(Folder);
                var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
                File.Move(temporary, path, overwrite: true);
            }
        }
        finally
        {
            Encoders.Release();
        }

        return (path, contentType);
    }

    private byte[] Resize(PictureFacts original, int width, string extension)
    {
        using var image = Image.Thumbnail(originals.PathOf(original.FileName), width, height: 100_000, size: Enums.Size.Down);
        return Encode(image, extension);
    }

    private byte[] Crop(PictureFacts original, PictureCrop crop)
    {
        var (width, height) = CropSize(original, crop);
        using var image = Image.Thumbnail(originals.PathOf(original.FileName), width, height: height, crop: Enums.Interesting.Centre);
        return Encode(image, ".jpg");
    }

    private static byte[] Encode(Image image, string extension)
    {
        if (extension == ".webp")
        {
            return image.WebpsaveBuffer(q: 75, keep: Enums.ForeignKeep.None);
        }

        // JPEG has no transparency: a PNG's or GIF's transparent parts become the page's white.
        using var opaque = image.HasAlpha() ? image.Flatten(background: [255, 255, 255]) : image.Copy();
        return opaque.JpegsaveBuffer(q: 80, keep: Enums.ForeignKeep.None, optimizeCoding: true, interlace: true);
    }

    /// <summary>The original, fetched from the shared files when this node lacks it (decision 0025).</summary>
    private async Task<PictureFacts?> OriginalOfAsync(string hash, CancellationToken cancellationToken)
    {
        foreach (var extension in (string[])[".jpg", ".png", ".webp", ".gif"])
        {
            if (await originals.FindAsync(hash + extension, cancellationToken) is { } facts)
            {
                return facts;
            }
        }

        return null;
    }

    private static string Hash(PictureFacts picture) => picture.FileName[..32];

    [GeneratedRegex(@"^(?<hash>[0-9a-f]{32})-(?<size>[0-9]{1,5}|16x9|4x3|1x1)(?<ext>\.webp|\.jpg)$", RegexOptions.CultureInvariant)]
    private static partial Regex VariantName();
}
