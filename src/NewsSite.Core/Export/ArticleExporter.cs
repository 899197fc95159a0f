using System.Globalization;
using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Images;
using NewsSite.Core.Import;
using NewsSite.Core.SitePages;
using NewsSite.Core.Ressorts;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Export;

/// <summary>What an export wrote.</summary>
/// <param name="TooLarge">Files written although the import will refuse them: articles stored before the file limit
/// was checked on every save, or before it was lowered. Empty when the folder can be imported whole.</param>
public sealed record ExportReport(
    string Folder, int Published, int Scheduled, int Drafts, int Trashed, int Authors, ImageCopyReport Images,
    IReadOnlyList<string> TooLarge, int SitePages = 0);

/// <summary>An export that was refused; the message is German, for the operator.</summary>
public sealed class ExportRefusedException(string message) : Exception(message);

/// <summary>
/// Writes the site back as the files <see cref="ArticleImporter"/> reads: every article as 0000001-&lt;slug&gt;.md, each
/// author as authors/&lt;slug&gt;.md, each fixed page as seiten/&lt;slug&gt;.md, the pictures under images/, the Ressort list as ressorts.yml and the tags' aliases as tags.yml. Importing the folder into an empty database gives
/// the same public site: each article's front matter is rewritten from its stored row (slug, date, updated, author,
/// tags, summary, draft, feed-id), so a slug derived from the title or a date that was "now" when it was saved is kept as
/// the address and time readers know, and a feed reader knows each entry by the id it had; the body is the current
/// revision's, unchanged. Trashed articles go to <see cref="TrashFolder"/>, which the importer skips (hidden folder),
/// so that nothing is lost but nothing comes back to life either. Not exported: revision history, former slugs (their redirects), accounts.
/// </summary>
/// <param name="sitePages">Writes seiten/; without it (a tool that exports articles only) no fixed page is written.</param>
public sealed class ArticleExporter(IExportReads articles, TimeProvider clock, ArticleFileLimit limit, SitePageFiles? sitePages = null)
{
    /// <summary>Hidden, so that the importer passes it over.</summary>
    public const string TrashFolder = ".papierkorb";

    public const string ImagesFolder = "images";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="imagesFrom">The data directory's image folder.</param>
    /// <exception cref="ExportRefusedException">The folder exists and is not empty.</exception>
    public async Task<ExportReport> ExportAsync(string folder, string imagesFrom, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(folder);
        if (File.Exists(root))
        {
            throw new ExportRefusedException($"„{root}“ ist eine Datei, kein Ordner.");
        }

        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new ExportRefusedException($"Der Ordner „{root}“ ist nicht leer. Bitte einen leeren oder neuen Ordner angeben.");
        }

        Directory.CreateDirectory(root);
        var now = clock.GetUtcNow();
        int published = 0, scheduled = 0, drafts = 0, trashed = 0, number = 0;
        var tooLarge = new List<string>();
        await foreach (var article in articles.ReadAllForExportAsync(cancellationToken))
        {
            // The importer goes in path order, and the numbers keep the articles' original order: the sitemaps list
            // articles oldest row first, and a tag whose slug collides with another's ("C#", "C") gets its suffix
            // by who came first.
            var name = $"{++number:D7}-{article.Slug}.md";
            var path = article.IsTrashed ? Path.Combine(root, TrashFolder, name) : Path.Combine(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, ArticleFile(article), Utf8, cancellationToken);

            // Written all the same: an export must lose nothing. The operator learns which files need shortening.
            if (!limit.Fits(article))
            {
                tooLarge.Add(Path.GetRelativePath(root, path).Replace('\\', '/'));
            }

            _ = article switch
            {
                { IsTrashed: true } => trashed++,
                { IsDraft: true } => drafts++,
                _ when article.PublishedAt > now => scheduled++,
                _ => published++,
            };
        }

        var authors = await articles.ReadAllAuthorsForExportAsync(cancellationToken);
        foreach (var author in authors)
        {
            var path = Path.Combine(root, ArticleImporter.AuthorsFolder, author.Slug + ".md");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, ProfileFile(author), Utf8, cancellationToken);
        }

        var pages = sitePages is null ? 0 : await sitePages.ExportAllAsync(root, cancellationToken);
        var ressorts = await articles.ReadAllRessortsForExportAsync(cancellationToken);
        if (ressorts.Count > 0)
        {
            await File.WriteAllTextAsync(Path.Combine(root, RessortListFile.FileName), RessortListFile.Write(ressorts), Utf8, cancellationToken);
        }

        var tagAliases = await articles.ReadAllTagAliasesForExportAsync(cancellationToken);
        if (tagAliases.Count > 0)
        {
            await File.WriteAllTextAsync(Path.Combine(root, TagListFile.FileName), TagListFile.Write(tagAliases), Utf8, cancellationToken);
        }

        // After the articles: a picture is stored before any article can show it, so every one they name is there.
        var images = await ImageFolder.CopyMissingAsync(imagesFrom, Path.Combine(root, ImagesFolder), cancellationToken);
        return new ExportReport(root, published, scheduled, drafts, trashed, authors.Count, images, tooLarge, pages);
    }

    /// <summary>The current revision with its front matter set to what the site shows; comments and body stay.</summary>
    public static string ArticleFile(ArticleForExport article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return FrontMatterEditor.Apply(article.Markdown,
        [
            new("title", YamlText.Quote(article.Title)),
            new("slug", YamlText.Quote(article.Slug)),
            // One author as author:, co-authors as one authors: list (decision 0021); never both.
            new("author", article.CoAuthorNames.Count == 0 ? YamlText.Quote(article.AuthorName) : null),
            new(FrontMatterReader.AuthorsField, article.CoAuthorNames.Count == 0 ? null : YamlText.List([article.AuthorName, .. article.CoAuthorNames])),
            new("date", article.PublishedAt is { } date ? Instant(date) : null),
            new("updated", article.UpdatedAt is { } updated ? Instant(updated) : null),
            new("tags", article.Tags.Count > 0 ? YamlText.List(article.Tags) : null),
            new("summary", YamlText.Quote(article.Summary)),
            new("draft", article.IsDraft ? "true" : null),
            new(FeedKey.Field, YamlText.Quote(article.FeedKey)),
            new("ressort", article.RessortName is { } ressort ? YamlText.Quote(ressort) : null),
        ]);
    }

    /// <summary>
    /// The profile file the importer reads: the name, when it leads to this very slug (the importer checks that),
    /// and the bio as the body.
    /// </summary>
    public static string ProfileFile(AuthorForExport author)
    {
        ArgumentNullException.ThrowIfNull(author);
        var text = new StringBuilder();
        if (Slug.ForAuthor(author.Name) == author.Slug)
        {
            text.Append("---\nname: ").Append(YamlText.Quote(author.Name)).Append("\n---\n\n");
        }

        return text.Append(author.BioMarkdown ?? "").Append('\n').ToString();
    }

    /// <summary>
    /// Berlin time like <see cref="YamlText.Instant"/>, but with the stored fraction of a second: an article saved
    /// without a date got the moment of saving, and two in the same second must keep their order.
    /// </summary>
    private static string Instant(DateTimeOffset instant) =>
        NewsroomTime.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
