using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin;

/// <summary>
/// Every article whatever its status, most recently changed first, filtered by status and text; a contributor sees
/// only the articles they began.
/// </summary>
public sealed class IndexModel(IEditorArticles articles) : PageModel
{
    public const int PageSize = 25;
    public const int MaxQueryLength = 200;

    public PagedList<EditorArticleSummary> Articles { get; private set; } = null!;

    public string StatusValue { get; private set; } = "";

    public string Query { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(
        string? status, string? q, [FromQuery(Name = PageNumber.QueryName)] string? seite, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(seite, out var page))
        {
            return BadRequest();
        }

        var filter = AdminText.StatusFilters.FirstOrDefault(f => f.Value == (status ?? ""));
        if (filter.Label is null)
        {
            return BadRequest();
        }

        StatusValue = filter.Value;
        Query = (q ?? "").Trim();
        if (Query.Length > MaxQueryLength)
        {
            Query = Query[..MaxQueryLength];
        }

        // "Alle" leaves out the trash: what is thrown away should not clutter the daily list.
        var text = Query.Length == 0 ? null : Query;
        Articles = filter.Status is null
            ? await ListWithoutTrashAsync(text, page, cancellationToken)
            : await articles.ListForEditorsAsync(new EditorArticleFilter(filter.Status, text, Owner: User.ListOwner()), page, PageSize, cancellationToken);
        return page > Articles.TotalPages ? NotFound() : Page();
    }

    public string UrlFor(int page)
    {
        var query = new List<string>();
        if (StatusValue.Length > 0)
        {
            query.Add("status=" + Uri.EscapeDataString(StatusValue));
        }

        if (Query.Length > 0)
        {
            query.Add("q=" + Uri.EscapeDataString(Query));
        }

        if (page > 1)
        {
            query.Add(PageNumber.QueryName + "=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return "/admin" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    private Task<PagedList<EditorArticleSummary>> ListWithoutTrashAsync(string? text, int page, CancellationToken cancellationToken) =>
        articles.ListForEditorsAsync(new EditorArticleFilter(null, text, ExcludeTrash: true, Owner: User.ListOwner()), page, PageSize, cancellationToken);
}
