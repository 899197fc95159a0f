using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.SitePages;
using NewsSite.Web.Caching;

namespace NewsSite.Web.Pages.SitePages;

/// <summary>
/// A fixed page at /&lt;slug&gt; (Impressum, Datenschutz). The route takes any one segment: the site's own addresses
/// are literal and win, and <see cref="SitePageParser.ReservedSlugs"/> keeps pages off them; anything else unknown
/// is the German 404, as before.
/// </summary>
[CachedPublicPage(PageCacheScope.OwnTags)]
public sealed class SitePageModel(ISitePageStore pages) : PageModel
{
    public SitePage Fixed { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var page = Slug.IsValid(slug) && !SitePageParser.ReservedSlugs.Contains(slug)
            ? await pages.FindAsync(slug, cancellationToken)
            : null;
        if (page is null)
        {
            return NotFound();
        }

        Fixed = page;
        HttpContext.TagResponse(PageCacheTags.SitePage(page.Slug));
        return Page();
    }
}
