using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;

namespace NewsSite.Web.Pages.Admin.Audit;

/// <summary>
/// The audit log for admins: who published, unpublished, trashed, restored, reviewed, changed roles, logged in or
/// failed to, newest first, filtered by act, account, article and German calendar days.
/// </summary>
public sealed class IndexModel(IAuditLog audit) : PageModel
{
    public const int PageSize = 50;
    public const int MaxAccountLength = 100;

    public PagedList<AuditEntry> Entries { get; private set; } = new([], 1, PageSize, 0);

    public FieldProblems Problems { get; } = new();

    [FromQuery(Name = "aktion")]
    public string? Action { get; set; }

    [FromQuery(Name = "konto")]
    public string? Account { get; set; }

    [FromQuery(Name = "artikel")]
    public string? Article { get; set; }

    [FromQuery(Name = "von")]
    public string? From { get; set; }

    [FromQuery(Name = "bis")]
    public string? To { get; set; }

    public static IReadOnlyList<AuditAction> Actions { get; } = Enum.GetValues<AuditAction>();

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = PageNumber.QueryName)] string? seite, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(seite, out var page))
        {
            return BadRequest();
        }

        var action = string.IsNullOrEmpty(Action) ? null : AuditActions.Parse(Action);
        if (!string.IsNullOrEmpty(Action) && action is null)
        {
            Problems.Add("aktion", "Diese Aktion gibt es nicht; bitte aus der Liste wählen.");
        }

        if (Account is { Length: > MaxAccountLength })
        {
            Problems.Add("konto", $"Ein Kontoname hat höchstens {MaxAccountLength} Zeichen.");
        }

        long? articleId = null;
        if (!string.IsNullOrWhiteSpace(Article))
        {
            if (long.TryParse(Article.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
            {
                articleId = parsed;
            }
            else
            {
                Problems.Add("artikel", "Bitte die Nummer des Artikels angeben (aus seiner Adresse /admin/artikel/…).");
            }
        }

        var from = CalendarDays.Parse(Problems, "von", From);
        var to = CalendarDays.Parse(Problems, "bis", To);
        if (Problems.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // "bis" is a whole German day: everything before the next day's midnight.
        var (start, end) = CalendarDays.Range(from, to);
        var filter = new AuditFilter(action, Account, articleId, start, end);
        Entries = await audit.ListAsync(filter, page, PageSize, cancellationToken);
        return page > Math.Max(1, Entries.TotalPages) ? NotFound() : Page();
    }

    public string UrlFor(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }

        Add("aktion", Action);
        Add("konto", Account);
        Add("artikel", Article);
        Add("von", From);
        Add("bis", To);
        if (page > 1)
        {
            query.Add(PageNumber.QueryName + "=" + page.ToString(CultureInfo.InvariantCulture));
        }

        return "/admin/protokoll" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }
}
