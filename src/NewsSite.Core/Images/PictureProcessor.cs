using NetVips;

namespace NewsSite.Core.Images;

/// <summary>What a checked picture is: its format (as the file extension it is stored under) and its size, upright.</summary>
public sealed record PictureFacts(string FileName, int Width, int Height, string Format, long Length)
{
    public string ContentType => PictureFormats.ContentType(Format);
}

/// <summary>A picture as it is stored: the bytes readers get, without metadata, turned upright.</summary>
internal sealed record PreparedPicture(byte[] Bytes, string Extension, int Width, int Height);

/// <summary>
/// The checks and the clean-up every picture goes through before it is stored, whichever way it came in (admin upload,
/// zip, content folder, import): the format is decided by the bytes twice (our magic-byte sniff, then libvips'
/// loader must agree), the pixel count is read from the header and refused above the limit before anything is
/// decoded (a 50 KB PNG can declare 50,000 × 50,000 pixels), then the whole picture is decoded with libvips'
/// fail-on=error so that a damaged file is refused now rather than breaking its variants later. A picture that
/// carries metadata (EXIF with a GPS position, XMP, IPTC, comments), an orientation or a colour profile is turned
/// upright, converted to sRGB and written again without any of it; one that carries none is kept byte for byte,
/// which keeps the import of the sample site cheap.
/// </summary>
internal static class PictureProcessor
{
    /// <summary>The loaders our sniff leads to; anything else libvips could open (SVG, PDF, TIFF …) is refused.</summary>
    private static readonly Dictionary<string, string> LoaderOf = new(StringComparer.Ordinal)
    {
        [".jpg"] = "jpegload_buffer",
        [".png"] = "pngload_buffer",
        [".webp"] = "webpload_buffer",
        [".gif"] = "gifload_buffer",
    };

    static PictureProcessor()
    {
        // Pictures are processed once and never again: libvips' operation cache would only hold memory.
        Cache.Max = 0;
        // Loaders that libvips itself calls untrusted (ImageMagick, MATLAB, FITS …) never run, whatever the bytes say.
        NetVips.NetVips.BlockUntrusted = true;
    }

    public static PreparedPicture Prepare(byte[] bytes, long maxPixels)
    {
        if (bytes.Length == 0)
        {
            throw new ImageRejectedException("Die Bilddatei ist leer.");
        }

        var (extension, _) = ImageStore.Sniff(bytes) ?? throw NotAPicture();
        Image header;
        try
        {
            header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        }
        catch (VipsException)
        {
            throw Damaged();
        }

        using (header)
        {
            if (header.Get("vips-loader") is not string loader || loader != LoaderOf[extension])
            {
                throw NotAPicture();
            }

            var pages = header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;
            var pixels = (long)header.Width * header.Height * pages;
            if (pixels > maxPixels)
            {
                var german = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
                throw new ImageRejectedException(string.Create(german,
                    $"Das Bild hat zu viele Bildpunkte ({header.Width:N0} × {header.Height:N0}{(pages > 1 ? $" × {pages} Bilder" : "")}, " +
                    $"höchstens {maxPixels:N0} insgesamt). Bitte verkleinern und erneut hochladen."));
            }

            try
            {
                return NeedsCleaning(header) ? Clean(bytes, extension) : Checked(bytes, extension, header.Width, header.Height);
            }
            catch (VipsException)
            {
                throw Damaged();
            }
        }
    }

    private static bool NeedsCleaning(Image header) =>
        header.GetFields().Any(field => field is "exif-data" or "xmp-data" or "iptc-data" or "icc-profile-data" or "orientation"
            || field.StartsWith("png-comment", StringComparison.Ordinal) || field.StartsWith("gif-comment", StringComparison.Ordinal)
            || field.StartsWith("jpeg-comment", StringComparison.Ordinal));

    /// <summary>Nothing to strip: decoded once to prove it whole (a JPEG at an eighth of its size, which still reads every byte).</summary>
    private static PreparedPicture Checked(byte[] bytes, string extension, int width, int height)
    {
        using var whole = Image.NewFromBuffer(bytes, extension == ".jpg" ? "[shrink=8]" : "",
            access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        _ = whole.Avg();
        return new PreparedPicture(bytes, extension, width, height);
    }

    private static PreparedPicture Clean(byte[] bytes, string extension)
    {
        using var loaded = Image.NewFromBuffer(bytes, failOn: Enums.FailOn.Error);
        using var upright = loaded.Autorot();

        // A colour profile is turned into sRGB pixels, which need none: browsers take untagged pictures as sRGB.
        using var srgb = upright.Contains("icc-profile-data") ? upright.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual) : upright.Copy();
        var output = extension switch
        {
            ".jpg" => srgb.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.None),
            ".png" => srgb.PngsaveBuffer(keep: Enums.ForeignKeep.None),
            ".webp" => srgb.WebpsaveBuffer(q: 90, keep: Enums.ForeignKeep.None),
            _ => srgb.GifsaveBuffer(keep: Enums.ForeignKeep.None),
        };
        return new PreparedPicture(output, extension, srgb.Width, srgb.Height);
    }

    private static ImageRejectedException NotAPicture() =>
        new("Das ist kein Bild im Format PNG, JPEG, WebP oder GIF (geprüft wird der Inhalt, nicht der Dateiname). SVG wird nicht angenommen.");

    private static ImageRejectedException Damaged() =>
        new("Die Bilddatei ist beschädigt oder unvollständig und lässt sich nicht lesen.");
}

/// <summary>Stored formats by file extension.</summary>
public static class PictureFormats
{
    public static string ContentType(string extension) => extension switch
    {
        ".jpg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => "application/octet-stream",
    };
}
