using System.Buffers.Binary;
using NetVips;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pictures;

/// <summary>Pictures made in code with libvips, so that no binary test file is committed.</summary>
internal static class TestPictures
{
    /// <summary>A JPEG with a gradient, so that it is not trivially small; width × height as given.</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var x = Image.Xyz(width, height);
        using var picture = (x[0] * (255.0 / width)).Bandjoin(x[1] * (255.0 / height), x[0] * 0 + 128).Cast(Enums.BandFormat.Uchar);
        return picture.JpegsaveBuffer(q: 80);
    }

    /// <summary>A photo as a phone writes it: camera make, a GPS position and "rotate 90°" (orientation 6).</summary>
    public static byte[] JpegWithGps(int width, int height)
    {
        using var plain = Image.NewFromBuffer(Jpeg(width, height));
        using var tagged = plain.Mutate(image =>
        {
            image.Set(GValue.GStrType, "exif-ifd0-Make", "Testkamera");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", "52/1 31/1 12/1");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLongitudeRef", "E");
            image.Set(GValue.GStrType, "exif-ifd3-GPSLongitude", "13/1 24/1 36/1");
            image.Set(GValue.GIntType, "orientation", 6);
        });
        return tagged.JpegsaveBuffer(q: 80, keep: Enums.ForeignKeep.All);
    }

    /// <summary>
    /// A decompression bomb: a real 1×1 PNG whose header is rewritten to claim 100,000 × 100,000 pixels (ten billion,
    /// 30 GB decoded) in a file of under a hundred bytes.
    /// </summary>
    public static byte[] PngBomb()
    {
        using var dot = Image.Black(1, 1);
        var png = dot.PngsaveBuffer();
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 100_000);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>PNG's chunk checksum (CRC-32, as in zip), so that the rewritten header is well-formed.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>Fields of a picture's metadata that could place or name its photographer.</summary>
    public static IReadOnlyList<string> MetadataFields(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes);
        return image.GetFields().Where(f => f.StartsWith("exif", StringComparison.Ordinal) || f.Contains("gps", StringComparison.OrdinalIgnoreCase)
            || f is "xmp-data" or "iptc-data" or "orientation").ToList();
    }

    public static (int Width, int Height) Size(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes);
        return (image.Width, image.Height);
    }

    public static Task<long> PictureRowsAsync(NewsSiteFactory site) => SiteDatabase.ScalarAsync<long>(site, "SELECT count(*) FROM pictures;");

    public static int StoredFiles(NewsSiteFactory site)
    {
        var folder = Path.Combine(site.DataDirectory, "images");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }

    /// <summary>A content folder of Markdown files with pictures beside them.</summary>
    public static string ContentFolder((string FileName, string Text)[] articles, params (string FileName, byte[] Bytes)[] pictures)
    {
        var folder = NewsSiteFactory.ContentFolder(articles);
        foreach (var (fileName, bytes) in pictures)
        {
            var path = Path.Combine(folder, fileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return folder;
    }
}
