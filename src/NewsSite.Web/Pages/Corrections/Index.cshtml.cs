using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Pages.Corrections;

/// <summary>
/// Every correction of a published article, newest first, each linked to its article, a page at a time. Site-wide in
/// the page cache: a correction is saved with its article, whose journal entry evicts every site-wide page, and so do
/// an article's new title, unpublishing and trash, which change what this page may list.
/// </summary>
[CachedPublicPage(PageCacheScope.SiteWide, Paged = true)]
public sealed class IndexModel(ICorrectionListings corrections, TimeProvider clock, IOptions<NewsSiteOptions> options) : PageModel
{
    public PagedList<PublishedCorrection> Corrections { get; private set; } = null!;

    public Pagination Pagination => Pagination.Of(Corrections, SiteUrls.CorrectionsPath);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = PageNumber.QueryName)] string? seite, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(seite, out var page))
        {
            return BadRequest();
        }

        Corrections = await corrections.ListPublishedAsync(page, options.Value.PageSize, clock.GetUtcNow(), cancellationToken);
        return page > Corrections.TotalPages ? NotFound() : Page();
    }
}
