using NewsSite.Core.Export;

namespace NewsSite.Core.Editing;

/// <summary>
/// What one upload request may hold: each file within the site's file limit, and together at most
/// <paramref name="MaxFiles"/> Markdown files (loose and in zips) and <paramref name="MaxBytes"/> unpacked bytes.
/// Limits per request rather than per zip: several zips in one upload would otherwise each pass a per-zip limit,
/// and a zip of 53 KB can unpack to 34 MB.
/// </summary>
public sealed record UploadLimits(ArticleFileLimit File, int MaxFiles, long MaxBytes)
{
    /// <summary>
    /// Zip entries of any kind one upload may list, all its zips together, before a zip is refused unopened: the
    /// Markdown files, and room for the folders and the __MACOSX/ copy of every file that a Mac adds. Each entry gets
    /// a line in the report, so this also bounds the report: folders cost no file, but many zips full of them would
    /// otherwise make a page of a million lines.
    /// </summary>
    public int MaxZipEntries => MaxFiles * 4;
}

/// <summary>What is left of one request's limits while its files are read, one after another.</summary>
internal sealed class UploadBudget(UploadLimits limits)
{
    private int _filesLeft = limits.MaxFiles;
    private int _entriesLeft = limits.MaxZipEntries;

    public long BytesLeft { get; private set; } = limits.MaxBytes;

    /// <summary>Null when the next file may be read; otherwise why not, in German.</summary>
    public string? RefuseNext(long declaredBytes)
    {
        if (_filesLeft == 0)
        {
            return $"Die Grenze von {limits.MaxFiles} Markdown-Dateien je Upload ist erreicht. Bitte diese Datei in einem weiteren Upload senden.";
        }

        return declaredBytes > BytesLeft
            ? $"Die Grenze von {ByteSize.Format(limits.MaxBytes)} entpackt je Upload ist erreicht (diese Datei: {ByteSize.Format(declaredBytes)}, " +
              $"noch frei: {ByteSize.Format(BytesLeft)}). Bitte diese Datei in einem weiteren Upload senden."
            : null;
    }

    public void TakeFile() => _filesLeft--;

    /// <summary>A zip's entries, all or none: false when they would exceed what the upload may still list.</summary>
    public bool TryTakeEntries(int entries)
    {
        if (entries > _entriesLeft)
        {
            return false;
        }

        _entriesLeft -= entries;
        return true;
    }

    /// <summary>Bytes inflated count whether or not the file was stored: they were the work.</summary>
    public void Spend(long bytes) => BytesLeft = Math.Max(0, BytesLeft - bytes);
}
