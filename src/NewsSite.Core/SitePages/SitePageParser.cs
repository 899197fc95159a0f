using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.SitePages;

/// <summary>
/// Checks and renders fixed pages, from the admin's form or from files content/seiten/&lt;slug&gt;.md (front matter
/// with <c>title:</c>, the body as Markdown), through the site's one Markdown pipeline: raw HTML is escaped and unsafe
/// links removed, as in articles.
/// </summary>
public sealed class SitePageParser(MarkdownRenderer renderer)
{
    public const int MaxTitleLength = 120;

    /// <summary>An Impressum or a privacy statement is long, but not a book.</summary>
    public const int MaxMarkdownLength = 200_000;

    /// <summary>
    /// First segments of the site's own addresses: a page there would be hidden behind them or hide them. Kept
    /// complete by a test that reads every route of the app. "neu" is the admin's form for a new page
    /// (/admin/seiten/neu), so a page of that name could never be edited.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "archiv", "artikel", "autor", "autoren", "bilder", "css", "fehler", "fonts", "healthz", "js",
        "korrekturen", "neu", "ressort", "ressorts", "seite", "seiten", "sitemaps", "suche", "thema", "themen", "vorschau",
    };

    private static readonly string[] KnownFields = ["title"];

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>A page from the admin's form.</summary>
    /// <exception cref="SitePageException">With a German reason and the field it concerns.</exception>
    public SitePageContent Prepare(string? slug, string? title, string? markdown)
    {
        var checkedSlug = CheckSlug(slug);
        var checkedTitle = CheckTitle(title);
        var text = (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (text.Length == 0)
        {
            throw new SitePageException("markdown", "Bitte den Text der Seite eingeben.");
        }

        if (text.Length > MaxMarkdownLength)
        {
            throw new SitePageException("markdown", string.Create(German,
                $"Der Text ist zu lang ({text.Length:N0} Zeichen, höchstens {MaxMarkdownLength:N0})."));
        }

        if (ArticleText.FindControlCharacter(text) is { } found)
        {
            throw new SitePageException("markdown", $"Der Text enthält in Zeile {found.Line} das unzulässige Steuerzeichen U+{found.Code}.");
        }

        string html;
        try
        {
            html = renderer.Render(text).Html;
        }
        catch (UnrenderableMarkdownException e)
        {
            throw new SitePageException("markdown", e.Message);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(checkedTitle + "\n" + text)));
        return new SitePageContent(checkedSlug, checkedTitle, text, html, hash);
    }

    /// <summary>A file's bytes: strict UTF-8, a front matter with <c>title:</c>, the body as the page's text.</summary>
    /// <param name="slug">From the file name.</param>
    /// <exception cref="ArticleFormatException">With file, line and field where known.</exception>
    public SitePageContent Parse(string sourceName, string slug, ReadOnlySpan<byte> fileBytes)
    {
        var text = ArticleText.Decode(sourceName, fileBytes);
        var block = FrontMatterReader.Split(sourceName, text)
            ?? throw new ArticleFormatException(sourceName, "Die Seite braucht einen Kopf mit „title:“ zwischen zwei Zeilen „---“.", 1);
        var fields = FrontMatterReader.ReadFields(sourceName, block.Yaml, firstLine: 2, KnownFields);
        var title = FrontMatterReader.CollapseWhitespace(FrontMatterReader.Text(sourceName, fields, "title"));
        FrontMatterReader.RefuseDirectionControls(sourceName, fields, "title", title);
        try
        {
            return Prepare(slug, title, block.Body);
        }
        catch (SitePageException e)
        {
            var line = e.Field switch
            {
                "title" when fields.TryGetValue("title", out var value) => value.Line,
                "markdown" => block.BodyStartLine,
                _ => 1,
            };
            throw new ArticleFormatException(sourceName, e.Message, line, e.Field == "markdown" ? null : e.Field);
        }
    }

    /// <summary>A slug as typed in the form: lower case letters, digits and hyphens, not one of the site's own.</summary>
    public static string CheckSlug(string? slug)
    {
        var text = (slug ?? "").Trim();
        if (text.Length == 0)
        {
            throw new SitePageException("slug", "Bitte eine Adresse angeben, z. B. „impressum“.");
        }

        if (!Slug.IsValid(text))
        {
            throw new SitePageException("slug",
                $"Die Adresse „{text}“ darf nur Kleinbuchstaben a–z, Ziffern und Bindestriche enthalten, z. B. „kontakt“.");
        }

        if (ReservedSlugs.Contains(text))
        {
            throw new SitePageException("slug", $"Die Adresse /{text} gehört der Website selbst. Bitte eine andere wählen.");
        }

        return text;
    }

    private static string CheckTitle(string? title)
    {
        var text = FrontMatterReader.CollapseWhitespace(title) ?? "";
        if (text.Length == 0)
        {
            throw new SitePageException("title", "Bitte einen Titel angeben, z. B. „Impressum“.");
        }

        if (text.Length > MaxTitleLength)
        {
            throw new SitePageException("title", $"Der Titel ist zu lang ({text.Length} Zeichen, höchstens {MaxTitleLength}).");
        }

        if (DirectionControls.FindIn(text) is { } control)
        {
            throw new SitePageException("title", DirectionControls.Refusal(control));
        }

        return text;
    }
}
