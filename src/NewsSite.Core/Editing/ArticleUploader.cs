using System.IO.Compression;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;

namespace NewsSite.Core.Editing;

/// <summary>One file from the upload form; <paramref name="Length"/> is known before anything is read.</summary>
public sealed record UploadedFile(string Name, long Length, Func<Stream> Open);

public enum UploadOutcome
{
    Published,
    Scheduled,
    Draft,
    Rejected,
}

/// <param name="Name">The file's name; for a file inside a zip, "archiv.zip/ordner/datei.md".</param>
/// <param name="Title">The stored article's title; null when rejected.</param>
public sealed record UploadResult(
    string Name, UploadOutcome Outcome, long? ArticleId, string? Title, string? Slug, DateTimeOffset? PublishedAt, string? Reason);

/// <summary>
/// New articles from uploaded Markdown files, or from .zip archives of them. Every file is checked and stored on its
/// own, in its own transaction, and gets its own result: one bad file never keeps the others out, and never leaves
/// half an article behind. Sizes are checked against what the form and the zip directory declare before a byte of
/// the content is read.
/// </summary>
public sealed class ArticleUploader(ArticleParser parser, IArticleStore articles, TimeProvider clock)
{
    public const int MaxFilesPerZip = 200;

    /// <summary>
    /// What a zip may hold unpacked, all entries together: as much as the largest plain upload (NewsSite:MaxRequestBytes,
    /// 32 MB by default), so that a zip is never more work than sending the files. 200 entries of 1 MB each would have
    /// kept one editor's request busy for a minute; 32 MB take about ten seconds.
    /// </summary>
    public const long DefaultMaxUnpackedZipBytes = 32L * 1024 * 1024;

    /// <summary>Lowered by tests.</summary>
    internal long MaxUnpackedZipBytes { get; init; } = DefaultMaxUnpackedZipBytes;

    public async Task<IReadOnlyList<UploadResult>> UploadAsync(
        IReadOnlyList<UploadedFile> files, bool saveAsDraft, string editor, long maxFileBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var results = new List<UploadResult>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file.Name.Replace('\\', '/'));
            if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                results.AddRange(await UploadZipAsync(name, file, saveAsDraft, editor, maxFileBytes, cancellationToken));
            }
            else if (IsMarkdownName(name))
            {
                results.Add(await UploadMarkdownAsync(name, file.Length, file.Open, saveAsDraft, editor, maxFileBytes, cancellationToken));
            }
            else
            {
                results.Add(Rejected(name, "Nur Markdown-Dateien (.md) oder ZIP-Archive (.zip) mit Markdown-Dateien werden angenommen."));
            }
        }

        return results;
    }

    private async Task<List<UploadResult>> UploadZipAsync(
        string zipName, UploadedFile zip, bool saveAsDraft, string editor, long maxFileBytes, CancellationToken cancellationToken)
    {
        var results = new List<UploadResult>();
        try
        {
            await using var stream = zip.Open();
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
            var entries = archive.Entries
                .Where(e => !e.FullName.EndsWith('/') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal)
                            && !Path.GetFileName(e.FullName).StartsWith('.'))
                .OrderBy(e => e.FullName, StringComparer.Ordinal)
                .ToList();

            if (entries.Count == 0)
            {
                return [Rejected(zipName, "Das ZIP-Archiv enthält keine Dateien.")];
            }

            if (entries.Count > MaxFilesPerZip)
            {
                return [Rejected(zipName, $"Das ZIP-Archiv enthält {entries.Count} Dateien, höchstens {MaxFilesPerZip} sind erlaubt.")];
            }

            var declared = entries.Where(e => IsMarkdownName(e.Name)).Sum(e => e.Length);
            if (declared > MaxUnpackedZipBytes)
            {
                return [Rejected(zipName,
                    $"Das ZIP-Archiv enthält entpackt {Kilobytes(declared)}, höchstens {Kilobytes(MaxUnpackedZipBytes)} sind erlaubt. Bitte auf mehrere Archive verteilen.")];
            }

            // Counted again as read, since an entry may hold more than the directory declares (each is cut at its limit).
            var unpackedLeft = MaxUnpackedZipBytes;
            foreach (var entry in entries)
            {
                var name = zipName + "/" + entry.FullName;
                if (!IsMarkdownName(entry.Name))
                {
                    results.Add(Rejected(name, "Keine Markdown-Datei (.md); übersprungen."));
                    continue;
                }

                if (unpackedLeft <= 0)
                {
                    results.Add(Rejected(name, $"Übersprungen: das ZIP-Archiv enthält entpackt mehr als {Kilobytes(MaxUnpackedZipBytes)}."));
                    continue;
                }

                results.Add(await UploadMarkdownAsync(
                    name, entry.Length, entry.Open, saveAsDraft, editor, Math.Min(maxFileBytes, unpackedLeft), cancellationToken,
                    read => unpackedLeft -= read));
            }
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or EndOfStreamException or NotSupportedException)
        {
            // ZipArchive reports a damaged or truncated archive through several exception types.
            results.Add(Rejected(zipName, "Die Datei ist kein gültiges ZIP-Archiv."));
        }

        return results;
    }

    /// <param name="onRead">Told how many bytes were read, once they are.</param>
    private async Task<UploadResult> UploadMarkdownAsync(
        string name, long declaredLength, Func<Stream> open, bool saveAsDraft, string editor, long maxFileBytes,
        CancellationToken cancellationToken, Action<long>? onRead = null)
    {
        if (declaredLength > maxFileBytes)
        {
            return Rejected(name, $"Die Datei ist zu groß ({Kilobytes(declaredLength)}, höchstens {Kilobytes(maxFileBytes)}).");
        }

        if (declaredLength == 0)
        {
            return Rejected(name, "Die Datei ist leer.");
        }

        try
        {
            var bytes = await ReadBoundedAsync(open, maxFileBytes, cancellationToken);
            onRead?.Invoke(bytes?.Length ?? maxFileBytes);
            if (bytes is null)
            {
                return Rejected(name, $"Die Datei ist zu groß (mehr als {Kilobytes(maxFileBytes)}).");
            }

            var content = parser.Parse(name, bytes);
            if (saveAsDraft && !content.IsDraft)
            {
                content = parser.Parse(name, FrontMatterEditor.Apply(content.Markdown, [new("draft", "true")]));
            }
            else if (!content.IsDraft && content.PublishedAt is null)
            {
                // As in the editor: a published article's source says when it appeared.
                var date = YamlText.Instant(clock.GetUtcNow());
                content = parser.Parse(name, FrontMatterEditor.Apply(content.Markdown, [new("date", date)]));
            }

            var origin = new ArticleOrigin(RevisionOrigin.Editor, $"{editor} (Upload {name})", SourceKey: null);
            var written = await articles.CreateAsync(content, origin, cancellationToken);
            var outcome = content.IsDraft ? UploadOutcome.Draft
                : content.PublishedAt > clock.GetUtcNow() ? UploadOutcome.Scheduled
                : UploadOutcome.Published;
            return new UploadResult(name, outcome, written.ArticleId, content.Title, written.Slug, content.PublishedAt, null);
        }
        catch (ArticleFormatException e)
        {
            return Rejected(name, Where(e) + e.Reason);
        }
        catch (ArticleConflictException e)
        {
            return Rejected(name, e.Message);
        }
        catch (InvalidDataException)
        {
            return Rejected(name, "Die Datei im ZIP-Archiv ist beschädigt.");
        }
        catch (StorageException e)
        {
            return Rejected(name, $"Die Datenbank hat den Artikel abgelehnt ({e.Message}).");
        }
    }

    // The result already names the file; the reason keeps only line and field.
    private static string Where(ArticleFormatException e) =>
        (e.Line is { } line ? $"Zeile {line}" : "") + (e.Field is { } field ? (e.Line is null ? "" : ", ") + $"Feld „{field}“" : "")
        + (e.Line is null && e.Field is null ? "" : ": ");

    private static async Task<byte[]?> ReadBoundedAsync(Func<Stream> open, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = open();
        return await UploadReader.ReadAtMostAsync(stream, maxBytes, cancellationToken);
    }

    private static bool IsMarkdownName(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    private static string Kilobytes(long bytes) => ByteSize.Format(bytes);

    private static UploadResult Rejected(string name, string reason) => new(name, UploadOutcome.Rejected, null, null, null, null, reason);
}
