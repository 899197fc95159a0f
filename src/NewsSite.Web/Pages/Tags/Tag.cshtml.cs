using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Core.Tags;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Pages.Tags;

/// <summary>
/// The published articles carrying one tag, newest first: where rel="tag" links lead. A slug the tag had before an
/// editor renamed it or merged it into another answers 301 to the current one.
/// </summary>
[CachedPublicPage(PageCacheScope.OwnTags, Paged = true)]
public sealed class TagModel(
    IPublishedArticles published, IArticleListings articles, ITagStore tags, TimeProvider clock, IOptions<NewsSiteOptions> options) : PageModel
{
    public TagLink Tag { get; private set; } = null!;

    public PagedList<ArticleTeaser> Articles { get; private set; } = null!;

    public Pagination Pagination => Pagination.Of(Articles, SiteUrls.TagPath(Tag.Slug));

    public async Task<IActionResult> OnGetAsync(
        string slug, [FromQuery(Name = PageNumber.QueryName)] string? seite, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(seite, out var page))
        {
            return BadRequest();
        }

        if (!Slug.IsValid(slug))
        {
            return NotFound();
        }

        var tag = await published.FindTagAsync(slug, clock.GetUtcNow(), cancellationToken);
        if (tag is null)
        {
            var current = await tags.FindRedirectAsync(slug, clock.GetUtcNow(), cancellationToken);
            return current is null ? NotFound() : RedirectPermanent(new Pagination(page, page, SiteUrls.TagPath(current)).UrlFor(page));
        }

        Tag = tag;
        HttpContext.TagResponse(PageCacheTags.Tag(tag.Slug));
        Articles = await articles.ListPublishedAsync(ArticleScope.ForTag(slug), page, options.Value.PageSize, clock.GetUtcNow(), cancellationToken);
        return page > Articles.TotalPages ? NotFound() : Page();
    }
}
