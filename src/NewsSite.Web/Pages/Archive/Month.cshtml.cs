using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Pages.Archive;

/// <summary>
/// The published articles of one Berlin calendar month, newest first, a page at a time, with links to the nearest
/// months that have articles. The address is /archiv/yyyy/mm; a one-digit month is redirected to its two-digit form.
/// </summary>
[CachedPublicPage(PageCacheScope.SiteWide, Paged = true)]
public sealed class MonthModel(IArticleListings articles, TimeProvider clock, IOptions<NewsSiteOptions> options) : PageModel
{
    public ArchiveMonth Month { get; private set; }

    public PagedList<ArticleTeaser> Articles { get; private set; } = null!;

    public ArchiveNeighbours Neighbours { get; private set; } = null!;

    public Pagination Pagination => Pagination.Of(Articles, SiteUrls.MonthPath(Month));

    public async Task<IActionResult> OnGetAsync(
        string year, string month, [FromQuery(Name = PageNumber.QueryName)] string? seite, CancellationToken cancellationToken)
    {
        if (!TryParseAddress(year, month, out var archiveMonth, out var isCanonical))
        {
            return NotFound();
        }

        if (!isCanonical)
        {
            return RedirectPermanent(SiteUrls.MonthPath(archiveMonth) + Request.QueryString);
        }

        if (!PageNumber.TryParse(seite, out var page))
        {
            return BadRequest();
        }

        var now = clock.GetUtcNow();
        Month = archiveMonth;
        Articles = await articles.ListPublishedAsync(ArticleScope.ForMonth(archiveMonth), page, options.Value.PageSize, now, cancellationToken);
        if (Articles.TotalCount == 0 || page > Articles.TotalPages)
        {
            return NotFound();
        }

        Neighbours = await articles.FindArchiveNeighboursAsync(archiveMonth, now, cancellationToken);
        return Page();
    }

    /// <summary>
    /// A four-digit year and a month of one or two digits, within the archive's years. Only the two-digit month is
    /// the canonical address; "3" is understood but redirected to "03".
    /// </summary>
    public static bool TryParseAddress(string? year, string? month, out ArchiveMonth archiveMonth, out bool isCanonical)
    {
        archiveMonth = default;
        isCanonical = false;
        if (year is not { Length: 4 } || !year.All(char.IsAsciiDigit)
            || month is not { Length: 1 or 2 } || !month.All(char.IsAsciiDigit))
        {
            return false;
        }

        isCanonical = month.Length == 2;
        return ArchiveMonth.TryCreate(
            int.Parse(year, NumberStyles.None, CultureInfo.InvariantCulture),
            int.Parse(month, NumberStyles.None, CultureInfo.InvariantCulture),
            out archiveMonth);
    }
}
