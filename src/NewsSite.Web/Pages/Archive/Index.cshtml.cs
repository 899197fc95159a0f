using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Web.Caching;

namespace NewsSite.Web.Pages.Archive;

/// <summary>Every month with published articles, newest first, grouped by year: the way into /archiv/yyyy/mm.</summary>
[CachedPublicPage(PageCacheScope.SiteWide)]
public sealed class ArchiveModel(IArticleListings articles, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ArchiveMonthCount> Months { get; private set; } = [];

    /// <summary>The months by year, newest year first, each with its total.</summary>
    public IEnumerable<(int Year, int Count, IReadOnlyList<ArchiveMonthCount> Months)> Years =>
        Months.GroupBy(m => m.Month.Year).Select(year => (year.Key, year.Sum(m => m.Count), (IReadOnlyList<ArchiveMonthCount>)[.. year]));

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Months = await articles.ListArchiveMonthsAsync(clock.GetUtcNow(), cancellationToken);
}
