using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.SitePages;

namespace NewsSite.Web.Pages.Admin.SitePages;

/// <summary>Admins only (folder convention): the fixed pages, each linked to its form.</summary>
public sealed class IndexModel(ISitePageStore pages) : PageModel
{
    public IReadOnlyList<SitePageLink> Pages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Pages = await pages.ListAsync(cancellationToken);
}
