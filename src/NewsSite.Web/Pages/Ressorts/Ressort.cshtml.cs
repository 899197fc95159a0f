using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Core.Ressorts;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Pages.Ressorts;

/// <summary>
/// A Ressort's front page: its newest article as the lead story on page 1, then the others as a grid, paginated. A
/// Ressort exists from the moment an admin adds it, so an empty one is a page (the navigation links it), not a 404;
/// a former slug answers 301 to the current one.
/// </summary>
[CachedPublicPage(PageCacheScope.OwnTags, Paged = true)]
public sealed class RessortModel(IRessortStore ressorts, IArticleListings articles, TimeProvider clock, IOptions<NewsSiteOptions> options) : PageModel
{
    public Ressort Ressort { get; private set; } = null!;

    public PagedList<ArticleTeaser> Articles { get; private set; } = null!;

    /// <summary>The lead story: the newest article, on page 1 only, so that page 2 does not repeat it.</summary>
    public ArticleTeaser? Lead => Articles.Page == 1 && Articles.Items.Count > 0 ? Articles.Items[0] : null;

    /// <summary>The grid below the lead: the rest of the page.</summary>
    public PagedList<ArticleTeaser> Grid => Lead is null ? Articles : Articles with { Items = [.. Articles.Items.Skip(1)] };

    public Pagination Pagination => Pagination.Of(Articles, SiteUrls.RessortPath(Ressort.Slug));

    public async Task<IActionResult> OnGetAsync(
        string slug, [FromQuery(Name = PageNumber.QueryName)] string? seite, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(seite, out var page))
        {
            return BadRequest();
        }

        // Anything that cannot be a slug is not looked up at all.
        if (!Slug.IsValid(slug))
        {
            return NotFound();
        }

        var ressort = await ressorts.FindBySlugAsync(slug, cancellationToken);
        if (ressort is null)
        {
            // A slug the Ressort had before an admin changed it: readers' bookmarks and search engines move on, for good.
            var current = await ressorts.FindRedirectAsync(slug, cancellationToken);
            return current is null ? NotFound() : RedirectPermanent(new Pagination(page, page, SiteUrls.RessortPath(current)).UrlFor(page));
        }

        Ressort = ressort;
        HttpContext.TagResponse(PageCacheTags.Ressort(ressort.Slug));
        Articles = await articles.ListPublishedAsync(ArticleScope.ForRessort(ressort.Slug), page, options.Value.PageSize, clock.GetUtcNow(), cancellationToken);
        return page > Articles.TotalPages ? NotFound() : Page();
    }
}
