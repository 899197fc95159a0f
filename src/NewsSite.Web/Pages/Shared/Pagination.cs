using System.Globalization;
using NewsSite.Core.Articles;

namespace NewsSite.Web.Pages;

/// <summary>
/// The model of _Pagination: where we are, and how to address the other pages of the same listing. The listing's
/// own query (a search's <c>q=…</c>) is kept in front of <c>seite=</c>.
/// </summary>
/// <param name="PreviousKey">The text of the link to the previous page: newer articles in a listing by date.</param>
public sealed record Pagination(
    int Page, int TotalPages, string Path, string? Query = null,
    string PreviousKey = "PaginationNewer", string NextKey = "PaginationOlder")
{
    // Pages shown on each side of the current one; further pages collapse into a gap ("…").
    private const int Window = 2;

    public static Pagination Of<T>(PagedList<T> list, string path, string? query = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new Pagination(list.Page, list.TotalPages, path, query);
    }

    /// <summary>Pages of a list in another order than by date (search hits by relevance): "previous" and "next".</summary>
    public Pagination InAnyOrder() => this with { PreviousKey = "PaginationPrevious", NextKey = "PaginationNext" };

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < TotalPages;

    public string UrlFor(int page)
    {
        var pagePart = page <= 1 ? null : $"{PageNumber.QueryName}={page.ToString(CultureInfo.InvariantCulture)}";
        var query = string.Join('&', new[] { Query, pagePart }.Where(p => !string.IsNullOrEmpty(p)));
        return query.Length == 0 ? Path : $"{Path}?{query}";
    }

    /// <summary>
    /// The page numbers to link, in order, with null for a gap: 1 … 4 5 [6] 7 8 … 20. The first and last page are
    /// always there; a gap of a single page shows that page instead of "…", which would take the same room.
    /// </summary>
    public IReadOnlyList<int?> Numbers
    {
        get
        {
            var shown = new SortedSet<int> { 1, TotalPages };
            for (var p = Math.Max(1, Page - Window); p <= Math.Min(TotalPages, Page + Window); p++)
            {
                shown.Add(p);
            }

            var numbers = new List<int?>();
            var previous = 0;
            foreach (var p in shown)
            {
                if (p - previous == 2)
                {
                    numbers.Add(p - 1);
                }
                else if (p - previous > 2)
                {
                    numbers.Add(null);
                }

                numbers.Add(p);
                previous = p;
            }

            return numbers;
        }
    }
}
