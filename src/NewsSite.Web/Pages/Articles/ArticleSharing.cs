using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using NewsSite.Core.Articles;
using NewsSite.Core.Images;
using NewsSite.Web.Addresses;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Pages.Articles;

/// <summary>
/// What link previews and search engines read from an article's head beyond the layout's common tags: the
/// OpenGraph article properties and a schema.org NewsArticle as JSON-LD. Every URL is absolute, from the base URL.
/// </summary>
/// <param name="Image">The picture for link previews (og:image, twitter:image): the 16:9 crop, 1200 px wide when the
/// picture allows; null for an article without a lead picture.</param>
/// <param name="BreadcrumbJsonLd">A schema.org BreadcrumbList (Startseite › Ressort › Artikel); null without a Ressort.</param>
public sealed record ArticleSharing(string PublishedTime, string ModifiedTime, IReadOnlyList<string> AuthorUrls, string JsonLd, string? BreadcrumbJsonLd = null,
    SharedImage? Image = null)
{
    // HTML-sensitive characters (<, >, &, quotes) stay escaped whatever the ranges; German letters stay readable.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static ArticleSharing For(PublishedArticle article, SiteUrls urls, string siteName)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(urls);
        var url = urls.Absolute(SiteUrls.ArticlePath(article.Slug));
        var authorUrls = article.Authors.Select(a => urls.Absolute(SiteUrls.AuthorPath(a.Slug))).ToArray();
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
            ["author"] = article.Authors
                .Select((a, i) => new Dictionary<string, object> { ["@type"] = "Person", ["name"] = a.Name, ["url"] = authorUrls[i] })
                .ToArray(),
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

        if (article.Corrections.Count > 0)
        {
            // schema.org's CreativeWork.correction, as the page shows them: newest first.
            jsonLd["correction"] = article.Corrections.Select(c => new Dictionary<string, object>
            {
                ["@type"] = "CorrectionComment", ["text"] = c.Text, ["datePublished"] = MachineTime.Utc(c.At),
            }).ToArray();
        }

        SharedImage? image = null;
        if (article.LeadPicture is { } lead)
        {
            // Google asks for 16:9, 4:3 and 1:1, each at least 1200 px wide (NewsArticle rich results).
            var facts = PictureMarkup.Facts(lead);
            var crops = PictureVariants.Crops.Select(crop =>
            {
                var (width, height) = PictureVariants.CropSize(facts, crop);
                return new SharedImage(urls.Absolute(PictureVariants.CropUrl(facts, crop)), width, height, lead.Alt);
            }).ToList();
            jsonLd["image"] = crops.Select(c => new Dictionary<string, object>
            {
                ["@type"] = "ImageObject", ["url"] = c.Url, ["width"] = c.Width, ["height"] = c.Height,
            }).ToArray();
            image = crops[0];
        }

        return new ArticleSharing(published, modified, authorUrls, JsonSerializer.Serialize(jsonLd, JsonOptions), Breadcrumb(article, urls, url), image);
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

public sealed record SharedImage(string Url, int Width, int Height, string Alt);
