using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Export;
using NewsSite.Core.SitePages;
using NewsSite.Core.Ressorts;
using NewsSite.Core.Images;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Import;

/// <summary>
/// Imports every *.md file below a folder: articles, below <see cref="AuthorsFolder"/> the authors' profiles, and
/// below <see cref="SitePageFiles.Folder"/> the fixed pages (Impressum, Datenschutz); first of all the folder's
/// <see cref="RessortListFile"/> and <see cref="TagListFile"/>, so that its articles find their Ressorts and their tags' aliases.
/// Each file is parsed and written on its own (a savepoint within a transaction of up to <see cref="BatchSize"/>
/// files), so a file that fails is reported and skipped while the others go in, and every article is stored whole
/// or not at all. Files are identified by their path below the folder and compared by content hash: importing the
/// same folder twice changes nothing the second time. Sizes are the site's one file limit (<see cref="ArticleFileLimit"/>):
/// what the export writes, this reads. A folder has no limit on its number of files or their total: the export of a
/// whole site must go back in at once, and the operator who runs the command owns the disk it reads.
/// </summary>
/// <param name="sitePages">Where seiten/*.md go; without it (a tool that imports articles only) such files are reported as failed.</param>
/// <param name="images">
/// Where pictures next to the Markdown files go (<see cref="PictureReferences"/>); without it (and in a dry run)
/// they are not taken and are reported as missing.
/// </param>
/// <param name="ressorts">Null where no Ressort list is imported (tests of articles alone).</param>
/// <param name="tags">Null where no tags.yml is imported (tests of articles alone).</param>
public sealed class ArticleImporter(
    ArticleParser parser, AuthorProfileParser profiles, IArticleStore articles, IAuthorStore authors, ArticleFileLimit limit,
    SitePageFiles? sitePages = null, IRessortStore? ressorts = null, ImageStore? images = null, ITagStore? tags = null)
{
    /// <summary>
    /// Articles per transaction. Each keeps its own savepoint; the batch saves the commits. Kept small because the
    /// batch holds the write lock throughout: 500 generated articles held it for 7 s on a loaded 2-core machine, close
    /// to the database's busy timeout (10 s on SQLite), so an editor saving meanwhile could fail with "database is locked".
    /// </summary>
    public const int BatchSize = 100;

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

        var ressortList = await ImportRessortListAsync(root, dryRun, cancellationToken);
        var tagList = await ImportTagListAsync(root, dryRun, cancellationToken);
        var results = new ImportFileResult[paths.Count];
        var batch = new List<PendingArticle>(BatchSize);
        var knownAuthors = new AuthorLookalikes((await authors.ListAuthorsForEditorsAsync(cancellationToken)).Select(a => a.Name));
        for (var i = 0; i < paths.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (full, relative) = paths[i];
            if (IsProfilePath(relative))
            {
                // Files go in path order: articles read before this profile are stored before it.
                await SaveBatchAsync(batch, results, dryRun, cancellationToken);
                results[i] = await ImportProfileFileAsync(full, relative, dryRun, cancellationToken);
                continue;
            }

            if (SitePageFiles.IsPagePath(relative))
            {
                results[i] = await ImportSitePageFileAsync(full, relative, dryRun, cancellationToken);
                continue;
            }

            try
            {
                var text = ArticleText.Decode(relative, await ReadFileAsync(full, relative, limit, cancellationToken));
                IReadOnlyList<string> pictureWarnings = [];
                if (images is not null && !dryRun)
                {
                    var resolved = await PictureReferences.ResolveAsync(relative, text, relative, (path, ct) => ReadPictureAsync(root, path, ct), images, cancellationToken);
                    (text, pictureWarnings) = (resolved.Text, resolved.Warnings);
                }

                var content = parser.Parse(relative, text);
                limit.Check(relative, content);
                batch.Add(new PendingArticle(i, relative, content, [.. knownAuthors.WarningsFor(content.AuthorNames), .. pictureWarnings, .. content.Warnings]));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                results[i] = Failed(relative, e, ImportItemKind.Article);
            }

            if (batch.Count == BatchSize)
            {
                await SaveBatchAsync(batch, results, dryRun, cancellationToken);
            }
        }

        await SaveBatchAsync(batch, results, dryRun, cancellationToken);
        return new ImportReport(root, dryRun, [.. new[] { ressortList, tagList }.OfType<ImportFileResult>(), .. results]);
    }

    /// <summary>The folder's starter list, stored only into a site without Ressorts: from then on the admins keep it.</summary>
    private async Task<ImportFileResult?> ImportRessortListAsync(string root, bool dryRun, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, RessortListFile.FileName);
        if (ressorts is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            var list = RessortListFile.Parse(ArticleText.Decode(RessortListFile.FileName, await File.ReadAllBytesAsync(path, cancellationToken)));
            var created = await ressorts.SeedAsync(list, dryRun, cancellationToken);
            return new ImportFileResult(RessortListFile.FileName, created > 0 ? ImportOutcome.Created : ImportOutcome.Unchanged, null, null, ImportItemKind.RessortList);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(RessortListFile.FileName, e, ImportItemKind.RessortList);
        }
    }

    /// <summary>The folder's tag aliases, stored only into a site without aliases: from then on the editors keep them.</summary>
    private async Task<ImportFileResult?> ImportTagListAsync(string root, bool dryRun, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, TagListFile.FileName);
        if (tags is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            var list = TagListFile.Parse(ArticleText.Decode(TagListFile.FileName, await File.ReadAllBytesAsync(path, cancellationToken)));
            var stored = await tags.SeedAliasesAsync(list, dryRun, cancellationToken);
            return new ImportFileResult(TagListFile.FileName, stored > 0 ? ImportOutcome.Created : ImportOutcome.Unchanged, null, null, ImportItemKind.TagList);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(TagListFile.FileName, e, ImportItemKind.TagList);
        }
    }

    private sealed record PendingArticle(int Index, string RelativePath, ArticleContent Content, IReadOnlyList<string> Warnings);

    /// <summary>A picture beside the Markdown files, read up to one byte past the store's limit, which then refuses it.</summary>
    private async Task<byte[]?> ReadPictureAsync(string root, string relativePath, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        await using var stream = File.OpenRead(full);
        var buffer = new byte[Math.Min(stream.Length, images!.MaxBytes + 1)];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    /// <summary>
    /// Stores the parsed articles in one transaction, each in its own savepoint (one commit instead of one per file).
    /// Should the transaction itself fail, nothing of it was stored, and the files are saved one by one instead, so
    /// that each gets its own result and only the guilty one fails.
    /// </summary>
    private async Task SaveBatchAsync(List<PendingArticle> batch, ImportFileResult[] results, bool dryRun, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        IReadOnlyList<BatchSaveResult>? saved;
        try
        {
            saved = await articles.SaveBatchAsync(
                [.. batch.Select(a => (a.Content, ArticleOrigin.ImportedFile(a.RelativePath)))], dryRun, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            saved = null;
        }

        for (var j = 0; j < batch.Count; j++)
        {
            var article = batch[j];
            if (saved is null)
            {
                try
                {
                    results[article.Index] = Written(article.RelativePath,
                        await articles.SaveAsync(article.Content, ArticleOrigin.ImportedFile(article.RelativePath), dryRun, cancellationToken),
                        article.Warnings);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    results[article.Index] = Failed(article.RelativePath, e, ImportItemKind.Article);
                }
            }
            else
            {
                results[article.Index] = saved[j].Written is { } written
                    ? Written(article.RelativePath, written, article.Warnings)
                    : Failed(article.RelativePath, saved[j].Error!, ImportItemKind.Article);
            }
        }

        batch.Clear();
    }

    private static ImportFileResult Written(string relativePath, ArticleWriteResult written, IReadOnlyList<string> warnings)
    {
        var outcome = written.Kind switch
        {
            ArticleWriteKind.Created => ImportOutcome.Created,
            ArticleWriteKind.Updated => ImportOutcome.Updated,
            _ => ImportOutcome.Unchanged,
        };
        return new ImportFileResult(relativePath, outcome, written.Slug, null, Warnings: warnings.Count == 0 ? null : warnings);
    }

    public static bool IsProfilePath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return relativePath.StartsWith(AuthorsFolder + "/", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<ImportFileResult> ImportProfileFileAsync(string fullPath, string relativePath, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            // A profile is held to its bio's 5,000 characters, not to the article limit: a site configured for small
            // articles must still take back the profiles its export wrote.
            var bytes = await ReadFileAsync(fullPath, relativePath, ArticleFileLimit.Default, cancellationToken);
            return await ImportProfileAsync(relativePath, bytes, dryRun, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(relativePath, e, ImportItemKind.AuthorProfile);
        }
    }

    private async Task<ImportFileResult> ImportSitePageFileAsync(string fullPath, string relativePath, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            if (sitePages is null)
            {
                throw new ArticleFormatException(relativePath, "Seiten (Ordner „seiten/“) werden hier nicht importiert.");
            }

            var bytes = await ReadFileAsync(fullPath, relativePath, ArticleFileLimit.Default, cancellationToken);
            var written = await sitePages.ImportAsync(relativePath, bytes, dryRun, cancellationToken);
            var outcome = written switch
            {
                SitePageWriteKind.Created => ImportOutcome.Created,
                SitePageWriteKind.Updated => ImportOutcome.Updated,
                _ => ImportOutcome.Unchanged,
            };
            return new ImportFileResult(relativePath, outcome, Path.GetFileNameWithoutExtension(relativePath), null, ImportItemKind.SitePage);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(relativePath, e, ImportItemKind.SitePage);
        }
    }

    private static async Task<byte[]> ReadFileAsync(string fullPath, string relativePath, ArticleFileLimit limit, CancellationToken cancellationToken)
    {
        if (limit.RefuseDeclared(new FileInfo(fullPath).Length) is { } refusal)
        {
            throw new RefusedFileException($"{relativePath}: {refusal}");
        }

        return await File.ReadAllBytesAsync(fullPath, cancellationToken);
    }

    /// <summary>One broken file must not stop the import of the others: whatever it failed with is reported instead.</summary>
    private static ImportFileResult Failed(string relativePath, Exception error, ImportItemKind kind)
    {
        var what = kind switch
        {
            ImportItemKind.Article => "den Artikel",
            ImportItemKind.SitePage => "die Seite",
            ImportItemKind.AuthorProfile => "das Autorenprofil",
            ImportItemKind.TagList => "die Schlagwort-Liste",
            _ => "die Ressort-Liste",
        };
        var reason = error switch
        {
            ArticleFormatException or RefusedFileException or ArticleTooLargeException => error.Message,
            ArticleConflictException or RessortConflictException or TagConflictException => $"{relativePath}: {error.Message}",
            IOException or UnauthorizedAccessException => $"{relativePath}: Die Datei kann nicht gelesen werden ({error.Message}).",
            StorageException => $"{relativePath}: Die Datenbank hat {what} abgelehnt ({error.Message}).",
            _ => $"{relativePath}: Unerwarteter Fehler ({error.GetType().Name}: {error.Message}).",
        };
        return new ImportFileResult(relativePath, ImportOutcome.Failed, null, reason, kind);
    }

    private sealed class RefusedFileException(string message) : Exception(message);

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
        var written = await authors.SaveProfileAsync(profile, relativePath, dryRun, cancellationToken);
        var outcome = written.Kind switch
        {
            ProfileWriteKind.Created => ImportOutcome.Created,
            ProfileWriteKind.Updated => ImportOutcome.Updated,
            _ => ImportOutcome.Unchanged,
        };
        return new ImportFileResult(relativePath, outcome, written.Slug, null, ImportItemKind.AuthorProfile);
    }
}
