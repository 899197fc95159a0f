using Microsoft.Data.Sqlite;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Import;

/// <summary>
/// Imports every *.md file below a folder: articles, and below <see cref="AuthorsFolder"/> the authors' profiles.
/// Each file is parsed and written in its own transaction, so a file that fails is reported and skipped while the
/// others go in. Files are identified by their path below the folder and compared by content hash: importing the
/// same folder twice changes nothing the second time.
/// </summary>
public sealed class ArticleImporter(ArticleParser parser, AuthorProfileParser profiles, ArticleRepository repository)
{
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>authors/&lt;slug&gt;.md below the content folder is the profile of the author with that slug, not an article.</summary>
    public const string AuthorsFolder = "authors";

    private static readonly EnumerationOptions MarkdownFiles = new()
    {
        RecurseSubdirectories = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    public async Task<ImportReport> ImportFolderAsync(string folder, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Der Ordner „{root}“ existiert nicht.");
        }

        var paths = Directory.EnumerateFiles(root, "*.md", MarkdownFiles)
            .Select(path => (Full: path, Relative: Path.GetRelativePath(root, path).Replace('\\', '/')))
            .OrderBy(p => p.Relative, StringComparer.Ordinal)
            .ToList();

        var results = new List<ImportFileResult>(paths.Count);
        foreach (var (full, relative) in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(await ImportFileAsync(full, relative, dryRun, cancellationToken));
        }

        return new ImportReport(root, dryRun, results);
    }

    public static bool IsProfilePath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return relativePath.StartsWith(AuthorsFolder + "/", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<ImportFileResult> ImportFileAsync(string fullPath, string relativePath, bool dryRun, CancellationToken cancellationToken)
    {
        var kind = IsProfilePath(relativePath) ? ImportItemKind.AuthorProfile : ImportItemKind.Article;
        var what = kind == ImportItemKind.Article ? "den Artikel" : "das Autorenprofil";
        try
        {
            var size = new FileInfo(fullPath).Length;
            if (size > MaxFileBytes)
            {
                return Failed($"{relativePath}: Die Datei ist zu groß ({ByteSize.Format(size)}, höchstens {ByteSize.Format(MaxFileBytes)}).");
            }

            var bytes = await File.ReadAllBytesAsync(fullPath, cancellationToken);
            return kind == ImportItemKind.Article
                ? await ImportArticleAsync(relativePath, bytes, dryRun, cancellationToken)
                : await ImportProfileAsync(relativePath, bytes, dryRun, cancellationToken);
        }
        catch (ArticleFormatException e)
        {
            return Failed(e.Message);
        }
        catch (ArticleConflictException e)
        {
            return Failed($"{relativePath}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed($"{relativePath}: Die Datei kann nicht gelesen werden ({e.Message}).");
        }
        catch (SqliteException e)
        {
            return Failed($"{relativePath}: Die Datenbank hat {what} abgelehnt ({e.Message}).");
        }
#pragma warning disable CA1031 // One broken file must not stop the import of the others; it is reported instead.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed($"{relativePath}: Unerwarteter Fehler ({e.GetType().Name}: {e.Message}).");
        }
#pragma warning restore CA1031

        ImportFileResult Failed(string reason) => new(relativePath, ImportOutcome.Failed, null, reason, kind);
    }

    private async Task<ImportFileResult> ImportArticleAsync(string relativePath, byte[] bytes, bool dryRun, CancellationToken cancellationToken)
    {
        var content = parser.Parse(relativePath, bytes);
        var written = await repository.SaveAsync(content, ArticleOrigin.ImportedFile(relativePath), dryRun, cancellationToken);
        var outcome = written.Kind switch
        {
            ArticleWriteKind.Created => ImportOutcome.Created,
            ArticleWriteKind.Updated => ImportOutcome.Updated,
            _ => ImportOutcome.Unchanged,
        };
        return new ImportFileResult(relativePath, outcome, written.Slug, null);
    }

    private async Task<ImportFileResult> ImportProfileAsync(string relativePath, byte[] bytes, bool dryRun, CancellationToken cancellationToken)
    {
        var fileName = relativePath[(AuthorsFolder.Length + 1)..];
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            throw new ArticleFormatException(relativePath,
                $"Autorenprofile liegen direkt im Ordner „{AuthorsFolder}/“ (z. B. {AuthorsFolder}/anna-berger.md), nicht in Unterordnern.");
        }

        var slug = Path.GetFileNameWithoutExtension(fileName);
        if (!Slug.IsValid(slug))
        {
            throw new ArticleFormatException(relativePath,
                $"„{fileName}“ ist kein gültiger Name für ein Autorenprofil: Vor „.md“ steht der Slug der Autorenseite, " +
                $"nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche (z. B. anna-berger.md für /autor/anna-berger).");
        }

        var profile = profiles.Parse(relativePath, slug, bytes);
        var written = await repository.SaveProfileAsync(profile, relativePath, dryRun, cancellationToken);
        var outcome = written.Kind switch
        {
            ProfileWriteKind.Created => ImportOutcome.Created,
            ProfileWriteKind.Updated => ImportOutcome.Updated,
            _ => ImportOutcome.Unchanged,
        };
        return new ImportFileResult(relativePath, outcome, written.Slug, null, ImportItemKind.AuthorProfile);
    }
}
