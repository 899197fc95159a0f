using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Web.Caching;
using NewsSite.Web.Hardening;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Pages.Search;

/// <summary>
/// Full-text search over the published articles: a GET form, so every result page has an address that can be
/// shared, bookmarked and paged (/suche?q=köln&amp;seite=2). Ranking and query rules: <see cref="ISearchIndex.SearchAsync"/>.
/// </summary>
[CachedPublicPage(PageCacheScope.SiteWide, Paged = true)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RequestRateLimits.SearchPolicy)]
public sealed class SearchModel(ISearchIndex articles, TimeProvider clock, IOptions<NewsSiteOptions> options) : PageModel
{
    public const string PagePath = "/suche";

    public const string QueryName = "q";

    public static string PathFor(string query) => $"{PagePath}?{QueryName}={Uri.EscapeDataString(query)}";

    public SearchQuery Query { get; private set; } = SearchQuery.Empty;

    public PagedList<SearchHit> Hits { get; private set; } = null!;

    /// <summary>More articles matched than <see cref="Hits"/> counts; only the newest were ranked ("mehr als").</summary>
    public bool MoreHitsThanCounted { get; private set; }

    /// <summary>"Meinten Sie …?": a search with few or no hits, its misspelt words corrected; null when none is better.</summary>
    public SearchSuggestion? Suggestion { get; private set; }

    public Pagination Pagination =>
        Pagination.Of(Hits, PagePath, Query.Text.Length == 0 ? null : $"{QueryName}={Uri.EscapeDataString(Query.Text)}").InAnyOrder();

    /// <param name="q">The reader's text; given several times, the first counts (model binding's rule for one value).</param>
    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = QueryName)] string? q, [FromQuery(Name = PageNumber.QueryName)] string? seite, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(seite, out var page))
        {
            return BadRequest();
        }

        Query = SearchQuery.Parse(q);
        var results = await articles.SearchAsync(Query.Text, page, options.Value.PageSize, clock.GetUtcNow(), cancellationToken);
        Hits = results.Hits;
        MoreHitsThanCounted = results.MoreThanTotal;

        // Only on the first page: a later one has had enough hits to page through.
        if (page == 1 && !Query.IsEmpty && Hits.TotalCount < SearchSuggestion.FewHits)
        {
            var suggestion = await articles.SuggestAsync(Query.Text, clock.GetUtcNow(), cancellationToken);
            Suggestion = suggestion is null || string.Equals(suggestion.Text, Query.Text, StringComparison.OrdinalIgnoreCase) ? null : suggestion;
        }

        // Past the end of the hits is 404, as on every listing; without any hit the page says so instead.
        return Hits.TotalCount > 0 && page > Hits.TotalPages ? NotFound() : Page();
    }
}
