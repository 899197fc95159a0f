using System.IO.Compression;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Export;
using NewsSite.Core.Images;

namespace NewsSite.Core.Editing;

/// <summary>One file from the upload form; <paramref name="Length"/> is known before anything is read.</summary>
public sealed record UploadedFile(string Name, long Length, Func<Stream> Open);

public enum UploadOutcome
{
    Published,
    Scheduled,
    Draft,
    Rejected,

    /// <summary>A zip entry with nothing to read: a folder, macOS metadata, a hidden file.</summary>
    Skipped,

    /// <summary>Not read because the request's limits were used up before it; it may come in another upload.</summary>
    NotRead,
}

/// <param name="Name">The file's name; for a file inside a zip, "archiv.zip/ordner/datei.md".</param>
/// <param name="Title">The stored article's title; null when rejected.</param>
/// <param name="Failure">An error nobody foresaw, for the log; the editor reads only <paramref name="Reason"/>.</param>
/// <param name="Warnings">For a stored article: pictures it names that are missing or were refused, in German.</param>
public sealed record UploadResult(
    string Name, UploadOutcome Outcome, long? ArticleId, string? Title, string? Slug, DateTimeOffset? PublishedAt, string? Reason,
    Exception? Failure = null, IReadOnlyList<string>? Warnings = null, IReadOnlyList<string>? Problems = null)
{
    public bool IsStored => Outcome is UploadOutcome.Published or UploadOutcome.Scheduled or UploadOutcome.Draft;
}

/// <summary>
/// New articles from uploaded Markdown files, or from .zip archives of them. Every file, and every entry of a zip,
/// gets exactly one result, in order. Each file is checked and stored on its own, in its own transaction: one bad
/// file never keeps the others out, not even one that fails in a way nobody foresaw, and never leaves half an article
/// behind. Sizes are checked against what the form and the zip directory declare before a byte is read, and again
/// while reading, since a zip can lie; the request's limits (<see cref="UploadLimits"/>) hold across all its files.
/// </summary>
/// <param name="images">Where the pictures of a zip go (<see cref="PictureReferences"/>); without it they are reported missing.</param>
public sealed class ArticleUploader(
    ArticleParser parser, IArticleStore articles, TimeProvider clock, UploadLimits limits, ImageStore? images = null, IAuthorStore? authors = null)
{
    public async Task<IReadOnlyList<UploadResult>> UploadAsync(
        IReadOnlyList<UploadedFile> files, bool saveAsDraft, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var known = authors is null ? null : new AuthorLookalikes((await authors.ListAuthorsForEditorsAsync(cancellationToken)).Select(a => a.Name));
        var request = new Request(new UploadBudget(limits), saveAsDraft, editor, known);
        var results = new List<UploadResult>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file.Name.Replace('\\', '/'));
            if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                results.AddRange(await UploadZipAsync(name, file, request, cancellationToken));
            }
            else if (IsMarkdownName(name))
            {
                results.Add(await UploadMarkdownAsync(name, file.Length, file.Open, request, cancellationToken));
            }
            else
            {
                results.Add(Rejected(name, "Nur Markdown-Dateien (.md) oder ZIP-Archive (.zip) mit Markdown-Dateien werden angenommen."));
            }
        }

        return results;
    }

    /// <param name="Authors">The authors there are, for the warning of a name that looks like one of them.</param>
    private sealed record Request(UploadBudget Budget, bool SaveAsDraft, string Editor, AuthorLookalikes? Authors);

    /// <summary>The pictures of one zip that its Markdown files may name, and which of them were taken.</summary>
    private sealed class ZipPictures(Dictionary<string, ZipArchiveEntry> entries)
    {
        public Dictionary<string, ZipArchiveEntry> Entries { get; } = entries;

        public HashSet<string> Taken { get; } = new(StringComparer.Ordinal);
    }

    private async Task<List<UploadResult>> UploadZipAsync(string zipName, UploadedFile zip, Request request, CancellationToken cancellationToken)
    {
        await using var stream = zip.Open();
        ZipArchive? archive = null;
        List<ZipArchiveEntry> entries;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read);
            entries = archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or EndOfStreamException or NotSupportedException)
        {
            // ZipArchive reports a damaged or truncated archive through several exception types.
            archive?.Dispose();
            return [Rejected(zipName, "Die Datei ist kein gültiges ZIP-Archiv.")];
        }

        using (archive)
        {
            if (RefuseWhole(entries) is { } refusal)
            {
                return [Rejected(zipName, refusal)];
            }

            if (!request.Budget.TryTakeEntries(entries.Count))
            {
                return [new UploadResult(zipName, UploadOutcome.NotRead, null, null, null, null,
                    $"Die Grenze von {limits.MaxZipEntries} ZIP-Einträgen je Upload ist mit den Archiven davor erreicht; " +
                    "dieses wurde nicht geöffnet. Bitte in einem weiteren Upload senden.")];
            }

            // Articles first, so that each picture's line can say whether an article took it; the lines keep zip order.
            var pictures = new ZipPictures(entries.Where(e => SkipReason(e) is null && !IsMarkdownName(e.Name))
                .ToDictionary(e => e.FullName, StringComparer.Ordinal));
            var articleResults = new Dictionary<ZipArchiveEntry, UploadResult>();
            foreach (var entry in entries.Where(e => SkipReason(e) is null && IsMarkdownName(e.Name)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                articleResults[entry] = await UploadMarkdownAsync(
                    zipName + "/" + entry.FullName, entry.Length, entry.Open, request, cancellationToken, entry.Crc32, (entry.FullName, pictures));
            }

            var results = new List<UploadResult>(entries.Count);
            foreach (var entry in entries)
            {
                var name = zipName + "/" + entry.FullName;
                results.Add(SkipReason(entry) is { } skipped ? new UploadResult(name, UploadOutcome.Skipped, null, null, null, null, skipped)
                    : articleResults.TryGetValue(entry, out var article) ? article
                    : pictures.Taken.Contains(entry.FullName) ? new UploadResult(name, UploadOutcome.Skipped, null, null, null, null, "Bild, mit dem Artikel übernommen.")
                    : Rejected(name, "Keine Markdown-Datei (.md) und kein Bild, das ein Artikel des Archivs nennt; übersprungen."));
            }

            return results;
        }
    }

    /// <summary>A zip that alone exceeds what a whole upload may hold is refused before any entry is inflated.</summary>
    private string? RefuseWhole(List<ZipArchiveEntry> entries)
    {
        if (entries.Count == 0)
        {
            return "Das ZIP-Archiv ist leer.";
        }

        if (entries.Count > limits.MaxZipEntries)
        {
            return $"Das ZIP-Archiv hat {entries.Count} Einträge, höchstens {limits.MaxZipEntries} sind je Upload erlaubt; keiner wurde gelesen.";
        }

        var toRead = entries.Where(e => SkipReason(e) is null && IsMarkdownName(e.Name)).ToList();
        if (toRead.Count > limits.MaxFiles)
        {
            return $"Das ZIP-Archiv enthält {toRead.Count} Markdown-Dateien, höchstens {limits.MaxFiles} sind je Upload erlaubt; keine wurde gelesen.";
        }

        // The directory's sizes, before inflating anything; while reading, each entry is held to its own again.
        var declared = toRead.Sum(e => e.Length);
        return declared > limits.MaxBytes
            ? $"Das ZIP-Archiv ergäbe entpackt {ByteSize.Format(declared)}, höchstens {ByteSize.Format(limits.MaxBytes)} sind je Upload erlaubt; keine Datei wurde gelesen."
            : null;
    }

    private static string? SkipReason(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith('/') ? "Ordner, nichts zu lesen."
        : entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) ? "Zusatzdaten von macOS, kein Artikel; übersprungen."
        : entry.Name.StartsWith('.') ? "Versteckte Datei; übersprungen."
        : null;

    /// <param name="checksum">A zip entry's CRC-32 from the archive's directory; null for a loose file.</param>
    /// <param name="zip">For a zip entry: its path in the archive and the archive's pictures.</param>
    private async Task<UploadResult> UploadMarkdownAsync(
        string name, long declaredLength, Func<Stream> open, Request request, CancellationToken cancellationToken, uint? checksum = null,
        (string Path, ZipPictures Pictures)? zip = null)
    {
        if (request.Budget.RefuseNext(declaredLength) is { } notRead)
        {
            return new UploadResult(name, UploadOutcome.NotRead, null, null, null, null, notRead);
        }

        request.Budget.TakeFile();
        if (limits.File.RefuseDeclared(declaredLength) is { } tooLarge)
        {
            return Rejected(name, tooLarge);
        }

        if (declaredLength == 0)
        {
            return Rejected(name, "Die Datei ist leer.");
        }

        try
        {
            var readLimit = Math.Min(limits.File.MaxBytes, request.Budget.BytesLeft);
            var bytes = await ReadBoundedAsync(open, readLimit, cancellationToken);
            request.Budget.Spend(bytes?.Length ?? readLimit + 1);
            if (bytes is null)
            {
                return readLimit < limits.File.MaxBytes
                    ? new UploadResult(name, UploadOutcome.NotRead, null, null, null, null,
                        $"Beim Lesen abgebrochen: Die Datei ist größer, als sie angibt ({ByteSize.Format(declaredLength)}), " +
                        $"und die Grenze von {ByteSize.Format(limits.MaxBytes)} entpackt je Upload ist erreicht.")
                    : Rejected(name, $"Die Datei ist zu groß (mehr als {ByteSize.Format(limits.File.MaxBytes)}).");
            }

            if (checksum is { } expected && ZipChecksum.Of(bytes) != expected)
            {
                return Rejected(name, "Die Datei im ZIP-Archiv ist beschädigt: Ihr Inhalt passt nicht zu ihrer Prüfsumme " +
                                      "(etwa weil das Archiv sie kleiner angibt, als sie ist). Gespeichert wurde nichts.");
            }

            var text = ArticleText.Decode(name, bytes);
            IReadOnlyList<string> pictureWarnings = [];
            if (zip is { } inZip && images is not null)
            {
                var resolved = await PictureReferences.ResolveAsync(name, text, inZip.Path,
                    (path, ct) => ReadZipPictureAsync(inZip.Pictures, path, request, ct), images, cancellationToken);
                (text, pictureWarnings) = (resolved.Text, resolved.Warnings);
            }

            return await StoreAsync(name, text, pictureWarnings, request, cancellationToken);
        }
        catch (ArticleFormatException e)
        {
            // Every problem of the file, so that it is fixed in one go rather than on one upload per mistake.
            var problems = e.Problems.Select(Describe).ToList();
            return problems.Count == 1
                ? Rejected(name, problems[0])
                : Rejected(name, $"{problems.Count} Probleme in dieser Datei; gespeichert wurde nichts.") with { Problems = problems };
        }
        catch (ArticleTooLargeException e)
        {
            return Rejected(name, e.Reason);
        }
        catch (ArticleConflictException e)
        {
            return Rejected(name, e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            return Rejected(name, "Die Datei im ZIP-Archiv ist beschädigt oder mit einem nicht unterstützten Verfahren gepackt.");
        }
        catch (StorageException e)
        {
            return Rejected(name, $"Die Datenbank hat den Artikel abgelehnt ({e.Message}).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever it was, it concerns this file: the others are still read, and the log keeps the details.
            const string reason = "Unerwarteter Fehler beim Verarbeiten dieser Datei; von ihr wurde nichts gespeichert. " +
                                  "Die Einzelheiten stehen im Protokoll der Website.";
            return Rejected(name, reason) with { Failure = e };
        }
    }

    /// <summary>
    /// A picture of the zip, held to the store's size limit and to what is left of the request's bytes (pictures are
    /// work too); null when the zip has no such entry or the budget is spent.
    /// </summary>
    private static async Task<byte[]?> ReadZipPictureAsync(ZipPictures pictures, string path, Request request, CancellationToken cancellationToken)
    {
        if (!pictures.Entries.TryGetValue(path, out var entry) || entry.Length > request.Budget.BytesLeft)
        {
            return null;
        }

        var bytes = await ReadBoundedAsync(entry.Open, request.Budget.BytesLeft, cancellationToken);
        if (bytes is null || ZipChecksum.Of(bytes) != entry.Crc32)
        {
            return null;
        }

        request.Budget.Spend(bytes.Length);
        pictures.Taken.Add(path);
        return bytes;
    }

    private async Task<UploadResult> StoreAsync(string name, string text, IReadOnlyList<string> pictureWarnings, Request request, CancellationToken cancellationToken)
    {
        var content = parser.Parse(name, text);
        if (request.SaveAsDraft && !content.IsDraft)
        {
            content = parser.Parse(name, FrontMatterEditor.Apply(content.Markdown, [new("draft", "true")]));
        }
        else if (!content.IsDraft && content.PublishedAt is null)
        {
            // As in the editor: a published article's source says when it appeared.
            var date = YamlText.Instant(clock.GetUtcNow());
            content = parser.Parse(name, FrontMatterEditor.Apply(content.Markdown, [new("date", date)]));
        }

        limits.File.Check(name, content);
        var origin = new ArticleOrigin(RevisionOrigin.Editor, $"{request.Editor} (Upload {name})", SourceKey: null);
        var written = await articles.CreateAsync(content, origin, cancellationToken);
        var outcome = content.IsDraft ? UploadOutcome.Draft
            : content.PublishedAt > clock.GetUtcNow() ? UploadOutcome.Scheduled
            : UploadOutcome.Published;
        IReadOnlyList<string> warnings = [.. request.Authors?.WarningsFor(content.AuthorNames) ?? [], .. pictureWarnings, .. content.Warnings];
        return new UploadResult(name, outcome, written.ArticleId, content.Title, written.Slug, content.PublishedAt, null,
            Warnings: warnings.Count == 0 ? null : warnings);
    }

    // The result already names the file; a problem keeps only line and field.
    private static string Describe(ArticleProblem problem) =>
        (problem.Line is { } line ? $"Zeile {line}" : "")
        + (problem.Field is { } field ? (problem.Line is null ? "" : ", ") + $"Feld „{field}“" : "")
        + (problem.Line is null && problem.Field is null ? "" : ": ")
        + problem.Reason + (problem.Hint is null ? "" : " Tipp: " + problem.Hint);

    private static async Task<byte[]?> ReadBoundedAsync(Func<Stream> open, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = open();
        return await UploadReader.ReadAtMostAsync(stream, maxBytes, cancellationToken);
    }

    private static bool IsMarkdownName(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    private static UploadResult Rejected(string name, string reason) => new(name, UploadOutcome.Rejected, null, null, null, null, reason);
}
