using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Pages.Tags;

/// <summary>The published articles carrying one tag, newest first: where rel="tag" links lead.</summary>
[CachedPublicPage(PageCacheScope.OwnTags, Paged = true)]
public sealed class TagModel(IPublishedArticles published, IArticleListings articles, TimeProvider clock, IOptions<NewsSiteOptions> options) : PageModel
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

        var tag = Slug.IsValid(slug) ? await published.FindTagAsync(slug, clock.GetUtcNow(), cancellationToken) : null;
        if (tag is null)
        {
            return NotFound();
        }

        Tag = tag;
        HttpContext.TagResponse(PageCacheTags.Tag(tag.Slug));
        Articles = await articles.ListPublishedAsync(ArticleScope.ForTag(slug), page, options.Value.PageSize, clock.GetUtcNow(), cancellationToken);
        return page > Articles.TotalPages ? NotFound() : Page();
    }
}
