using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Pages;

/// <summary>The home page: the latest published articles, newest first, a page at a time.</summary>
[CachedPublicPage(PageCacheScope.SiteWide, Paged = true)]
public sealed class IndexModel(IArticleListings articles, TimeProvider clock, IOptions<NewsSiteOptions> options) : PageModel
{
    public PagedList<ArticleTeaser> Articles { get; private set; } = null!;

    public Pagination Pagination => Pagination.Of(Articles, "/");

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = PageNumber.QueryName)] string? seite, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(seite, out var page))
        {
            return BadRequest();
        }

        Articles = await articles.ListPublishedAsync(ArticleScope.Site, page, options.Value.PageSize, clock.GetUtcNow(), cancellationToken);
        return page > Articles.TotalPages ? NotFound() : Page();
    }
}
