using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using NewsSite.Core.Articles;
using NewsSite.Web.Addresses;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Pages.Articles;

/// <summary>
/// What link previews and search engines read from an article's head beyond the layout's common tags: the
/// OpenGraph article properties and a schema.org NewsArticle as JSON-LD. Every URL is absolute, from the base URL.
/// </summary>
/// <param name="BreadcrumbJsonLd">A schema.org BreadcrumbList (Startseite › Ressort › Artikel); null without a Ressort.</param>
public sealed record ArticleSharing(string PublishedTime, string ModifiedTime, string AuthorUrl, string JsonLd, string? BreadcrumbJsonLd = null)
{
    // HTML-sensitive characters (<, >, &, quotes) stay escaped whatever the ranges; German letters stay readable.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static ArticleSharing For(PublishedArticle article, SiteUrls urls, string siteName)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(urls);
        var url = urls.Absolute(SiteUrls.ArticlePath(article.Slug));
        var authorUrl = urls.Absolute(SiteUrls.AuthorPath(article.AuthorSlug));
        var published = MachineTime.Utc(article.PublishedAt);
        var modified = MachineTime.Utc(article.LastChangedAt);

        var jsonLd = new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = article.Title,
            ["description"] = article.Summary,
            ["url"] = url,
            ["mainEntityOfPage"] = new Dictionary<string, object> { ["@type"] = "WebPage", ["@id"] = url },
            ["datePublished"] = published,
            ["dateModified"] = modified,
            ["inLanguage"] = SiteText.LanguageTag,
            ["author"] = new[] { new Dictionary<string, object> { ["@type"] = "Person", ["name"] = article.AuthorName, ["url"] = authorUrl } },
            ["publisher"] = new Dictionary<string, object>
            {
                ["@type"] = "NewsMediaOrganization",
                ["name"] = siteName,
                ["url"] = urls.Absolute("/"),
                ["logo"] = new Dictionary<string, object> { ["@type"] = "ImageObject", ["url"] = urls.Absolute("/favicon.svg") },
            },
            ["keywords"] = article.Tags.Select(t => t.Name).ToArray(),
        };
        if (article.Ressort is { } ressort)
        {
            jsonLd["articleSection"] = ressort.Name;
        }

        return new ArticleSharing(published, modified, authorUrl, JsonSerializer.Serialize(jsonLd, JsonOptions), Breadcrumb(article, urls, url));
    }

    private static string? Breadcrumb(PublishedArticle article, SiteUrls urls, string url)
    {
        if (article.Ressort is not { } ressort)
        {
            return null;
        }

        Dictionary<string, object> Item(int position, string name, string itemUrl) => new()
        {
            ["@type"] = "ListItem", ["position"] = position, ["name"] = name, ["item"] = itemUrl,
        };

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BreadcrumbList",
            ["itemListElement"] = new[]
            {
                Item(1, "Startseite", urls.Absolute("/")),
                Item(2, ressort.Name, urls.Absolute(SiteUrls.RessortPath(ressort.Slug))),
                Item(3, article.Title, url),
            },
        }, JsonOptions);
    }
}
