using System.Globalization;

namespace NewsSite.Core;

/// <summary>File sizes as an editor reads them in a German message: "1 MB", "4 KB", "1.536 KB".</summary>
public static class ByteSize
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static string Format(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? (bytes / (1024 * 1024)).ToString("N0", German) + " MB"
        : Math.Ceiling(bytes / 1024.0).ToString("N0", German) + " KB";
}
