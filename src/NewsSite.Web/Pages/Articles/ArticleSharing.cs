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
public sealed record ArticleSharing(string PublishedTime, string ModifiedTime, string AuthorUrl, string JsonLd)
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

        return new ArticleSharing(published, modified, authorUrl, JsonSerializer.Serialize(jsonLd, JsonOptions));
    }
}
