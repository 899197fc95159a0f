using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Core.Images;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Syndication;

/// <summary>A feed as every format writes it: text already cleaned for XML, every URL absolute.</summary>
public sealed record FeedDocument(
    string Title,
    string Description,
    Uri PageUrl,
    Uri SelfUrl,
    DateTimeOffset Updated,
    string SiteName,
    Uri SiteUrl,
    IReadOnlyList<FeedEntry> Entries);

public sealed record FeedEntry(
    string Id,
    Uri Url,
    string Title,
    string Summary,
    string ContentHtml,
    string AuthorName,
    Uri AuthorUrl,
    DateTimeOffset Published,
    DateTimeOffset Updated,
    IReadOnlyList<string> Tags,
    FeedPicture? Picture = null)
{
    /// <summary>The co-authors after the first author, in the byline's order.</summary>
    public IReadOnlyList<FeedAuthor> CoAuthors { get; init; } = [];

    /// <summary>Every author of the entry, the first one first: one dc:creator, Atom author or JSON Feed author each.</summary>
    public IReadOnlyList<FeedAuthor> Authors => [new(AuthorName, AuthorUrl), .. CoAuthors];
}

public sealed record FeedAuthor(string Name, Uri Url);

/// <summary>An entry's lead picture as feeds carry it: a JPEG at most 1200 px wide, with its words and credit.</summary>
public sealed record FeedPicture(Uri Url, int Width, int Height, string Alt, string? Caption, string? Credit);

/// <summary>What a feed is about: its scope, its title and the HTML page it stands for.</summary>
public sealed record FeedSubject(ArticleScope Scope, string Title, string Description, string PagePath)
{
    /// <summary>The page cache's tag: a feed shows what the page it stands for shows.</summary>
    public string CacheTag => Scope.Kind switch
    {
        ArticleScopeKind.Tag => PageCacheTags.Tag(Scope.Slug!),
        ArticleScopeKind.Author => PageCacheTags.Author(Scope.Slug!),
        ArticleScopeKind.Ressort => PageCacheTags.Ressort(Scope.Slug!),
        _ => PageCacheTags.Site,
    };

    public static FeedSubject Site(string siteName, SiteText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(ArticleScope.Site, siteName, text["FeedSiteDescription", siteName], "/");
    }

    public static FeedSubject Tag(TagLink tag, string siteName, SiteText text)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(text);
        return new(ArticleScope.ForTag(tag.Slug), $"{tag.Name} – {siteName}", text["FeedTagDescription", tag.Name], SiteUrls.TagPath(tag.Slug));
    }

    public static FeedSubject Author(AuthorLink author, string siteName, SiteText text)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(text);
        return new(ArticleScope.ForAuthor(author.Slug), $"{author.Name} – {siteName}", text["FeedAuthorDescription", author.Name], SiteUrls.AuthorPath(author.Slug));
    }

    public static FeedSubject Ressort(Core.Ressorts.RessortLink ressort, string siteName, SiteText text)
    {
        ArgumentNullException.ThrowIfNull(ressort);
        ArgumentNullException.ThrowIfNull(text);
        return new(ArticleScope.ForRessort(ressort.Slug), $"{ressort.Name} – {siteName}", text["FeedRessortDescription", ressort.Name], SiteUrls.RessortPath(ressort.Slug));
    }
}

/// <summary>Builds feeds from the database: the newest published articles of a scope.</summary>
public sealed class FeedBuilder(IArticleListings articles, SiteUrls urls, TimeProvider clock, IOptions<NewsSiteOptions> options, SiteText text)
{
    public const int EntryCount = 20;

    // Readable German in the full text; <, >, & and quotes are still encoded.
    private static readonly HtmlEncoder CorrectionEncoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="selfPath">The feed's own path, for rel="self".</param>
    /// <param name="version">The content version the answer's validators came from; its last change is the feed's.</param>
    public async Task<FeedDocument> BuildAsync(FeedSubject subject, string selfPath, ContentVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(version);
        var now = clock.GetUtcNow();
        var latest = await articles.ListLatestAsync(subject.Scope, EntryCount, now, cancellationToken);
        var siteName = options.Value.SiteName;
        return new FeedDocument(
            FeedText.Clean(subject.Title),
            FeedText.Clean(subject.Description),
            urls.AbsoluteUri(subject.PagePath),
            urls.AbsoluteUri(selfPath),
            version.LastChange ?? now,
            FeedText.Clean(siteName),
            urls.AbsoluteUri("/"),
            latest.Select(ToEntry).ToList());
    }

    private FeedEntry ToEntry(PublishedArticle article)
    {
        var url = urls.AbsoluteUri(SiteUrls.ArticlePath(article.Slug));
        return new FeedEntry(
            EntryId(article),
            url,
            FeedText.Clean(article.Title),
            FeedText.Clean(article.Summary),
            FeedText.Clean(FeedText.WithAbsoluteLinks(article.BodyHtml, url) + CorrectionsHtml(article.Corrections)),
            FeedText.Clean(article.AuthorName),
            urls.AbsoluteUri(SiteUrls.AuthorPath(article.AuthorSlug)),
            article.PublishedAt,
            article.LastChangedAt,
            article.Tags.Select(t => FeedText.Clean(t.Name)).ToList(),
            PictureOf(article.LeadPicture))
        {
            CoAuthors = [.. article.CoAuthors.Select(a => new FeedAuthor(FeedText.Clean(a.Name), urls.AbsoluteUri(SiteUrls.AuthorPath(a.Slug))))],
        };
    }

    /// <summary>
    /// The corrections after the text, newest first and worded as on the page, so that a feed reader that shows the
    /// updated entry shows what was corrected; encoded text, never markup.
    /// </summary>
    private string CorrectionsHtml(IReadOnlyList<ArticleCorrection> corrections)
    {
        if (corrections.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder();
        foreach (var correction in corrections)
        {
            html.Append("\n<p class=\"correction\"><strong>")
                .Append(CorrectionEncoder.Encode(text["CorrectionNote", text.DateTime(correction.At)]))
                .Append("</strong> ")
                .Append(CorrectionEncoder.Encode(correction.Text))
                .Append("</p>");
        }

        return html.ToString();
    }

    private FeedPicture? PictureOf(LeadPicture? lead)
    {
        if (lead is null)
        {
            return null;
        }

        var facts = PictureMarkup.Facts(lead);
        var width = PictureVariants.WidthsFor(facts.Width).Where(w => w <= PictureVariants.CropWidth).DefaultIfEmpty(PictureVariants.WidthsFor(facts.Width)[0]).Max();
        return new FeedPicture(
            urls.AbsoluteUri(PictureVariants.WidthUrl(facts, width, ".jpg")), width, (int)Math.Round((double)facts.Height * width / facts.Width),
            FeedText.Clean(lead.Alt), lead.Caption is null ? null : FeedText.Clean(lead.Caption), lead.Credit is null ? null : FeedText.Clean(lead.Credit));
    }

    /// <summary>
    /// A tag URI (RFC 4151) from the article's stored feed key: unlike the URL it survives a changed title or slug, and
    /// unlike the row id an export and import, so a reader never shows an article twice.
    /// </summary>
    private string EntryId(PublishedArticle article) => $"tag:{urls.Host},{article.FeedKey}";
}
