using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Syndication;

/// <summary>
/// RSS, Atom and JSON Feed for the site ("/rss.xml"), each tag ("/thema/koeln/rss.xml"), each author
/// ("/autor/anna-berger/rss.xml") and each Ressort ("/ressort/politik/rss.xml"). GET and HEAD, with ETag and Last-Modified.
/// </summary>
public sealed class FeedEndpoints(
    IPublishedArticles articles, IAuthorStore authors, Core.Ressorts.IRessortStore ressorts, Core.Tags.ITagStore tags, FeedBuilder builder,
    ContentValidators validators, IOptions<NewsSiteOptions> options, SiteText text, TimeProvider clock)
{
    /// <summary>A feed's path: the file name after the path of the page it stands for.</summary>
    public static string PathFor(string pagePath, FeedFormat format)
    {
        ArgumentNullException.ThrowIfNull(pagePath);
        ArgumentNullException.ThrowIfNull(format);
        return pagePath.TrimEnd('/') + "/" + format.FileName;
    }

    // Each feed is tagged in ServeAsync with its subject (the site, a tag or an author), which only the handler knows.
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var format in FeedFormat.All)
        {
            endpoints.MapMethods(PathFor("/", format), Syndication.GetAndHead,
                (HttpContext context, FeedEndpoints feeds) => feeds.ServeAsync(context, format, ArticleScopeKind.Site, null))
                .CacheAsPublicPage(PageCacheScope.OwnTags);
            endpoints.MapMethods(PathFor(SiteUrls.TagPath("{slug}"), format), Syndication.GetAndHead,
                (HttpContext context, string slug, FeedEndpoints feeds) => feeds.ServeAsync(context, format, ArticleScopeKind.Tag, slug))
                .CacheAsPublicPage(PageCacheScope.OwnTags);
            endpoints.MapMethods(PathFor(SiteUrls.AuthorPath("{slug}"), format), Syndication.GetAndHead,
                (HttpContext context, string slug, FeedEndpoints feeds) => feeds.ServeAsync(context, format, ArticleScopeKind.Author, slug))
                .CacheAsPublicPage(PageCacheScope.OwnTags);
            endpoints.MapMethods(PathFor(SiteUrls.RessortPath("{slug}"), format), Syndication.GetAndHead,
                (HttpContext context, string slug, FeedEndpoints feeds) => feeds.ServeAsync(context, format, ArticleScopeKind.Ressort, slug))
                .CacheAsPublicPage(PageCacheScope.OwnTags);
        }
    }

    private async Task ServeAsync(HttpContext context, FeedFormat format, ArticleScopeKind kind, string? slug)
    {
        var subject = await FindSubjectAsync(kind, slug, context.RequestAborted);
        if (subject is null)
        {
            // A renamed or merged tag's feed follows the tag, so that subscribers move on with it.
            if (kind == ArticleScopeKind.Tag && slug is not null && Slug.IsValid(slug)
                && await tags.FindRedirectAsync(slug, clock.GetUtcNow(), context.RequestAborted) is { } current)
            {
                context.Response.Redirect(PathFor(SiteUrls.TagPath(current), format), permanent: true);
                return;
            }

            // So does a renamed author's (decision 0021).
            if (kind == ArticleScopeKind.Author && slug is not null && Slug.IsValid(slug)
                && await authors.FindRedirectAsync(slug, clock.GetUtcNow(), context.RequestAborted) is { } renamed)
            {
                context.Response.Redirect(PathFor(SiteUrls.AuthorPath(renamed), format), permanent: true);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.TagResponse(subject.CacheTag);

        // The canonical path rather than the request's, which routing matched case-insensitively.
        var selfPath = PathFor(subject.PagePath, format);
        var version = await validators.CurrentAsync(context.RequestAborted);
        await ConditionalGet.ServeAsync(context, validators.For(version, selfPath), format.ContentType,
            async cancellationToken => format.Write(await builder.BuildAsync(subject, selfPath, version, cancellationToken)));
    }

    private async Task<FeedSubject?> FindSubjectAsync(ArticleScopeKind kind, string? slug, CancellationToken cancellationToken)
    {
        var siteName = options.Value.SiteName;
        if (kind == ArticleScopeKind.Site)
        {
            return FeedSubject.Site(siteName, text);
        }

        // Anything that cannot be a slug is not looked up at all. A tag or author without a published article is
        // not found (an embargoed name stays unconfirmed), so its feeds are 404 like an unknown name's.
        if (slug is null || !Slug.IsValid(slug))
        {
            return null;
        }

        if (kind == ArticleScopeKind.Tag)
        {
            var tag = await articles.FindTagAsync(slug, clock.GetUtcNow(), cancellationToken);
            return tag is null ? null : FeedSubject.Tag(tag, siteName, text);
        }

        if (kind == ArticleScopeKind.Ressort)
        {
            // A Ressort exists as soon as an admin adds it: its feed is valid (and empty) before its first article.
            var ressort = await ressorts.FindBySlugAsync(slug, cancellationToken);
            return ressort is null ? null : FeedSubject.Ressort(ressort.Link, siteName, text);
        }

        var author = await authors.FindAuthorAsync(slug, clock.GetUtcNow(), cancellationToken);
        return author is null ? null : FeedSubject.Author(author, siteName, text);
    }
}
