using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;

namespace NewsSite.Core.SitePages;

/// <summary>
/// Fixed pages as files: seiten/&lt;slug&gt;.md below a content folder (front matter <c>title:</c>, the Markdown
/// body), read by the import and written by the export, so that a site's Impressum goes wherever its articles go.
/// </summary>
public sealed class SitePageFiles(SitePageParser parser, ISitePageStore store)
{
    public const string Folder = "seiten";

    public static bool IsPagePath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return relativePath.StartsWith(Folder + "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <exception cref="ArticleFormatException">The file's name or text cannot be a page; German, with file and line.</exception>
    public Task<SitePageWriteKind> ImportAsync(string relativePath, ReadOnlySpan<byte> bytes, bool dryRun, CancellationToken cancellationToken)
    {
        var fileName = relativePath[(Folder.Length + 1)..];
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            throw new ArticleFormatException(relativePath,
                $"Seiten liegen direkt im Ordner „{Folder}/“ (z. B. {Folder}/impressum.md), nicht in Unterordnern.");
        }

        var slug = Path.GetFileNameWithoutExtension(fileName);
        SitePageContent page;
        try
        {
            SitePageParser.CheckSlug(slug);
            page = parser.Parse(relativePath, slug, bytes);
        }
        catch (SitePageException e)
        {
            throw new ArticleFormatException(relativePath, $"„{fileName}“: {e.Message} Der Dateiname vor „.md“ ist die Adresse der Seite.");
        }

        return store.SaveAsync(page, "import: " + relativePath, dryRun, cancellationToken);
    }

    /// <summary>The file the import reads back: the title in the front matter, the Markdown as the body.</summary>
    public static string FileText(EditableSitePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new StringBuilder("---\ntitle: ").Append(YamlText.Quote(page.Title)).Append("\n---\n\n")
            .Append(page.Markdown).Append('\n').ToString();
    }

    /// <summary>Writes every page to <paramref name="root"/>/seiten/; returns how many.</summary>
    public async Task<int> ExportAllAsync(string root, CancellationToken cancellationToken)
    {
        var links = await store.ListAsync(cancellationToken);
        foreach (var link in links)
        {
            if (await store.FindEditableAsync(link.Slug, cancellationToken) is { } page)
            {
                var path = Path.Combine(root, Folder, page.Slug + ".md");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, FileText(page), new UTF8Encoding(false), cancellationToken);
            }
        }

        return links.Count;
    }
}
