using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Core.Articles;

namespace NewsSite.Web.Caching;

/// <summary>
/// What a cached page shows, as tags: a change evicts every page tagged with anything it touched. An article page
/// carries its own tag and each of its tags' — the latter because its "Verwandte Artikel" block is made
/// of articles sharing a tag with it, so any change to such an article (or to a tag's frequency) evicts it too; and its
/// Ressort's, for "Mehr aus dem Ressort".
/// </summary>
public static class PageCacheTags
{
    /// <summary>Every cached page: evicting it empties the cache.</summary>
    public const string Everything = "page";

    /// <summary>Pages that list or count the whole site: home, archive, tag overview, search, site feeds, sitemaps.</summary>
    public const string Site = "site";

    public static string Article(string slug) => "article:" + slug;

    public static string Tag(string slug) => "tag:" + slug;

    public static string Author(string slug) => "author:" + slug;

    /// <summary>A Ressort's pages and feeds, and the article pages of its articles ("Mehr aus dem Ressort").</summary>
    public static string Ressort(string slug) => "ressort:" + slug;

    /// <summary>
    /// A fixed page (Impressum). Its changes are journaled as changes of every page, since every footer links the
    /// fixed pages; the tag lets an operator's tool or a test evict one page alone.
    /// </summary>
    public static string SitePage(string slug) => "sitepage:" + slug;

    /// <summary>
    /// The tags a change evicts. Every visible change alters some listing, so <see cref="Site"/> always; a replaced
    /// database (restore) evicts <see cref="Everything"/>.
    /// </summary>
    public static IEnumerable<string> Of(ContentChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.WholeSite)
        {
            yield return Everything;
            yield break;
        }

        yield return Site;
        foreach (var slug in change.ArticleSlugs)
        {
            yield return Article(slug);
        }

        foreach (var slug in change.TagSlugs)
        {
            yield return Tag(slug);
        }

        foreach (var slug in change.AuthorSlugs)
        {
            yield return Author(slug);
        }

        foreach (var slug in change.RessortSlugs)
        {
            yield return Ressort(slug);
        }
    }

    /// <summary>Tags the response being rendered, when the output cache is on and will store it.</summary>
    public static void TagResponse(this HttpContext context, params IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tags);
        if (context.Features.Get<IOutputCacheFeature>()?.Context.Tags is { } cacheTags)
        {
            foreach (var tag in tags)
            {
                cacheTags.Add(tag);
            }
        }
    }

    public static void TagArticlePage(this HttpContext context, PublishedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        // Not the author's tag: the byline shows only the name, which never changes; the bio is on the author page.
        context.TagResponse([Article(article.Slug), .. article.Tags.Select(t => Tag(t.Slug)), .. article.Ressort is { } r ? [Ressort(r.Slug)] : Array.Empty<string>()]);
    }
}
