using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Ressorts;
using NewsSite.Core.Tags;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin;

/// <summary>
/// Every article whatever its status, with the count of each status as links, filtered by status, text, Ressort,
/// author, tag and publication days, sorted by any column; a contributor sees only the articles they began. Editors
/// choose articles and run one action on all of them (<see cref="ArticleBulkActions"/>, decision 0022): the first post
/// shows what would happen and asks, the second (with <c>bestaetigt</c>) writes it in one transaction or, if one
/// article cannot take it, changes nothing and says which and why.
/// </summary>
public sealed class IndexModel(
    IEditorArticles articles, IRessortStore ressorts, IAuthorStore authors, ITagStore tags, ArticleBulkActions bulk,
    TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    public const int PageSize = 25;
    public const int MaxQueryLength = 200;

    /// <summary>The sortable columns: ?sortierung= value, heading, and whether the first click sorts descending.</summary>
    public static IReadOnlyList<(string Value, string Label, EditorArticleSort Sort, bool NewestFirst)> Columns { get; } =
    [
        ("titel", "Titel", EditorArticleSort.Title, false),
        ("status", "Status", EditorArticleSort.Status, false),
        ("autor", "Autor", EditorArticleSort.Author, false),
        ("ressort", "Ressort", EditorArticleSort.Ressort, false),
        ("erscheint", "Erscheint", EditorArticleSort.Published, true),
        ("geaendert", "Geändert", EditorArticleSort.Modified, true),
    ];

    /// <summary>The bulk form's ?aktion= values.</summary>
    public static IReadOnlyList<(string Value, string Label, BulkAction Action)> Actions { get; } =
    [
        ("veroeffentlichen", "Veröffentlichen", BulkAction.Publish),
        ("zurueckziehen", "Zurückziehen (als Entwurf)", BulkAction.Unpublish),
        ("papierkorb", "In den Papierkorb", BulkAction.Trash),
        ("wiederherstellen", "Aus dem Papierkorb wiederherstellen", BulkAction.Restore),
        ("schlagwort-hinzufuegen", "Schlagwort hinzufügen", BulkAction.AddTag),
        ("schlagwort-entfernen", "Schlagwort entfernen", BulkAction.RemoveTag),
    ];

    public EditorArticleList List { get; private set; } = new(new([], 1, PageSize, 0), new Dictionary<ArticleStatus, int>());

    public PagedList<EditorArticleSummary> Articles => List.Articles;

    public FieldProblems Problems { get; } = new();

    public IReadOnlyList<Ressort> Ressorts { get; private set; } = [];

    public IReadOnlyList<EditorAuthorSummary> Authors { get; private set; } = [];

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "ressort")]
    public string? Ressort { get; set; }

    [FromQuery(Name = "autor")]
    public string? Author { get; set; }

    [FromQuery(Name = "schlagwort")]
    public string? Tag { get; set; }

    [FromQuery(Name = "von")]
    public string? From { get; set; }

    [FromQuery(Name = "bis")]
    public string? To { get; set; }

    [FromQuery(Name = "sortierung")]
    public string? SortValue { get; set; }

    [FromQuery(Name = "richtung")]
    public string? Direction { get; set; }

    public string StatusValue => Status ?? "";

    public (string Value, string Label, EditorArticleSort Sort, bool NewestFirst) Column { get; private set; } = Columns[^1];

    public bool Descending { get; private set; } = true;

    // The bulk action's post: what was chosen, what would happen, and what is wrong with the form.

    public BulkPlan? Plan { get; private set; }

    public FieldProblems BulkProblems { get; } = new();

    public IReadOnlyList<long> ChosenIds { get; private set; } = [];

    public string? ChosenAction { get; private set; }

    public string? ChosenTag { get; private set; }

    /// <summary>The list the bulk form was sent from, to go back to.</summary>
    public string ReturnUrl { get; private set; } = "/admin";

    /// <summary>Whether the page answers a bulk post (the confirmation or its problems) rather than showing the list.</summary>
    public bool IsBulkAnswer => Plan is not null || BulkProblems.Any;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = PageNumber.QueryName)] string? seite, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(seite, out var page))
        {
            return BadRequest();
        }

        if (!TryReadSort())
        {
            return BadRequest();
        }

        Ressorts = await ressorts.ListAsync(cancellationToken);
        Authors = await authors.ListAuthorsForEditorsAsync(cancellationToken);
        var filter = ReadFilter();
        if (Problems.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        List = await articles.ListWithCountsAsync(filter, Column.Sort, Descending, page, PageSize, cancellationToken);
        if (!List.TagFound)
        {
            Problems.Add("schlagwort", $"Ein Schlagwort „{filter.Tag!.Display}“ gibt es nicht. Bitte einen vorhandenen Namen wählen; die Liste schlägt beim Tippen vor.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return page > Math.Max(1, Articles.TotalPages) ? NotFound() : Page();
    }

    /// <summary>
    /// The bulk form: the first post answers with what the action would do to each chosen article and asks; the
    /// confirming post (bestaetigt=1) runs it. Contributors have no bulk actions.
    /// </summary>
    [EditorsOnly]
    public async Task<IActionResult> OnPostBulkAsync(
        [FromForm(Name = "ids")] string[]? ids, [FromForm(Name = "aktion")] string? action, [FromForm(Name = "aktion-schlagwort")] string? tag,
        [FromForm(Name = "bestaetigt")] string? confirmed, [FromForm(Name = "zurueck")] string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = IsListUrl(returnUrl) ? returnUrl! : "/admin";
        ChosenAction = action;
        ChosenTag = tag?.Trim();
        var chosen = Actions.FirstOrDefault(a => a.Value == action);
        if (chosen.Label is null)
        {
            BulkProblems.Add("aktion", "Bitte eine Aktion aus der Liste wählen.");
        }

        var parsed = new List<long>();
        foreach (var id in ids ?? [])
        {
            if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                parsed.Add(value);
            }
            else
            {
                BulkProblems.Add("ids", "Die Auswahl enthält keine gültige Artikelnummer. Bitte die Liste neu laden und noch einmal wählen.");
                break;
            }
        }

        ChosenIds = [.. parsed.Distinct()];
        if (ChosenIds.Count == 0 && !BulkProblems.Any)
        {
            BulkProblems.Add("ids", "Bitte mindestens einen Artikel auswählen (das Kästchen vor dem Titel).");
        }
        else if (ChosenIds.Count > ArticleBulkActions.MaxArticles)
        {
            BulkProblems.Add("ids", $"Es sind {ChosenIds.Count} Artikel ausgewählt; höchstens {ArticleBulkActions.MaxArticles} gehen auf einmal. Bitte in mehreren Schritten.");
        }

        var tagName = chosen.Action is BulkAction.AddTag or BulkAction.RemoveTag && chosen.Label is not null
            ? await ReadBulkTagAsync(chosen.Action, cancellationToken)
            : null;
        if (BulkProblems.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (confirmed != "1")
        {
            Plan = await bulk.PlanAsync(chosen.Action, ChosenIds, tagName, cancellationToken);
            Response.StatusCode = Plan.Refused.Any() ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK;
            return Page();
        }

        Plan = await bulk.RunAsync(chosen.Action, ChosenIds, tagName, User.AccountName(), cancellationToken);
        if (!Plan.Done)
        {
            Response.StatusCode = Plan.Error is null && !Plan.Refused.Any() ? StatusCodes.Status200OK
                : Plan.Error is null ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
            return Page();
        }

        logger.LogInformation("{Account} hat {Action} für {Count} Artikel ausgeführt: {Ids}",
            User.AccountName(), chosen.Action, Plan.Changing, string.Join(',', Plan.Items.Where(i => i.Outcome == BulkItemOutcome.Changes).Select(i => i.Id)));
        TempData["Message"] = Done(Plan, ChosenTag);
        return Redirect(ReturnUrl);
    }

    /// <summary>The question the confirmation asks, e.g. „12 Artikel in den Papierkorb legen?“.</summary>
    public static string Question(BulkPlan plan, string? tag)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var n = Count(plan.Changing);
        return plan.Action switch
        {
            BulkAction.Publish => $"{n} veröffentlichen?",
            BulkAction.Unpublish => $"{n} zurückziehen (als Entwurf)?",
            BulkAction.Trash => $"{n} in den Papierkorb legen?",
            BulkAction.Restore => $"{n} aus dem Papierkorb wiederherstellen?",
            BulkAction.AddTag => $"{n} das Schlagwort „{tag}“ geben?",
            _ => $"Das Schlagwort „{tag}“ von {n} entfernen?",
        };
    }

    /// <summary>What was done, for the list's message after the redirect.</summary>
    public static string Done(BulkPlan plan, string? tag)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var n = Count(plan.Changing);
        var done = plan.Action switch
        {
            BulkAction.Publish => $"{n} veröffentlicht (oder zu ihrem Datum geplant).",
            BulkAction.Unpublish => $"{n} zurückgezogen; sie sind jetzt Entwürfe.",
            BulkAction.Trash => $"{n} in den Papierkorb gelegt. Sie lassen sich jederzeit wiederherstellen.",
            BulkAction.Restore => $"{n} wiederhergestellt, jeder mit seinem vorherigen Status.",
            BulkAction.AddTag => $"{n} haben jetzt das Schlagwort „{tag}“ (je eine neue Version).",
            _ => $"Das Schlagwort „{tag}“ ist von {n} entfernt (je eine neue Version).",
        };
        var unchanged = plan.Items.Count - plan.Changing;
        return unchanged == 0 ? done : done + $" {Count(unchanged)} blieben, wie sie waren.";
    }

    public static string Count(int count) => count == 1 ? "1 Artikel" : $"{count} Artikel";

    /// <summary>The list's address with the current filters and sorting, and the changes given.</summary>
    public string UrlFor(int page = 1, string? status = null, string? sort = null, bool? descending = null)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }

        Add("status", status ?? StatusValue);
        Add("q", Query);
        Add("ressort", Ressort);
        Add("autor", Author);
        Add("schlagwort", Tag);
        Add("von", From);
        Add("bis", To);
        var column = sort is null ? Column : Columns.First(c => c.Value == sort);
        var down = descending ?? (sort is null ? Descending : column.NewestFirst);
        if (column.Sort != EditorArticleSort.Modified || !down)
        {
            Add("sortierung", column.Value);
            Add("richtung", down ? "ab" : "auf");
        }

        if (page > 1)
        {
            query.Add(PageNumber.QueryName + "=" + page.ToString(CultureInfo.InvariantCulture));
        }

        return "/admin" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    /// <summary>A column heading's link: the other direction when it is the sorted column, else its own first direction.</summary>
    public string SortUrl(string column) =>
        Column.Value == column ? UrlFor(sort: column, descending: !Descending) : UrlFor(sort: column);

    public string? AriaSort(string column) => Column.Value == column ? (Descending ? "descending" : "ascending") : null;

    private bool TryReadSort()
    {
        if (!string.IsNullOrEmpty(SortValue))
        {
            var column = Columns.FirstOrDefault(c => c.Value == SortValue);
            if (column.Label is null)
            {
                return false;
            }

            Column = column;
        }

        Descending = Direction switch
        {
            null or "" => Column.NewestFirst,
            "ab" => true,
            "auf" => false,
            _ => (bool?)null,
        } ?? false;
        return Direction is null or "" or "ab" or "auf";
    }

    private EditorArticleFilter ReadFilter()
    {
        var status = AdminText.StatusFilters.FirstOrDefault(f => f.Value == StatusValue);
        if (status.Label is null)
        {
            Problems.Add("status", "Diesen Status gibt es nicht; bitte aus der Liste wählen.");
        }

        var text = (Query ?? "").Trim();
        Query = text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
        if (!string.IsNullOrWhiteSpace(Ressort) && !Ressorts.Any(r => r.Slug == Ressort.Trim()))
        {
            Problems.Add("ressort", "Dieses Ressort gibt es nicht; bitte aus der Liste wählen.");
        }

        if (!string.IsNullOrWhiteSpace(Author) && !Authors.Any(a => a.Slug == Author.Trim()))
        {
            Problems.Add("autor", "Diese Autorin oder diesen Autor gibt es nicht; bitte aus der Liste wählen.");
        }

        TagName? tag = null;
        if (!string.IsNullOrWhiteSpace(Tag))
        {
            tag = TagName.TryCreate(Tag);
            if (tag is null)
            {
                Problems.Add("schlagwort", $"Ein Schlagwort hat höchstens {TagName.MaxLength} Zeichen.");
            }
        }

        var from = CalendarDays.Parse(Problems, "von", From);
        var to = CalendarDays.Parse(Problems, "bis", To);
        if (from > to)
        {
            Problems.Add("bis", "„Bis“ liegt vor „Von“; bitte die Tage tauschen.");
        }

        var (start, end) = CalendarDays.Range(from, to);

        // "Alle" leaves out the trash: what is thrown away should not clutter the daily list.
        return new EditorArticleFilter(
            status.Status, Query.Length == 0 ? null : Query, ExcludeTrash: status.Status is null, Owner: User.ListOwner(),
            RessortSlug: string.IsNullOrWhiteSpace(Ressort) ? null : Ressort.Trim(),
            AuthorSlug: string.IsNullOrWhiteSpace(Author) ? null : Author.Trim(),
            Tag: tag, PublishedFrom: start, PublishedBefore: end);
    }

    /// <summary>The tag the bulk form names: a usable new name to add, or an existing tag (or variant) to remove.</summary>
    private async Task<TagName?> ReadBulkTagAsync(BulkAction action, CancellationToken cancellationToken)
    {
        const string Field = "aktion-schlagwort";
        if (TagName.ProblemWith(ChosenTag) is { } problem)
        {
            BulkProblems.Add(Field, problem);
            return null;
        }

        var tag = TagName.TryCreate(ChosenTag)!;
        var known = await tags.FindByNameAsync(tag, clock.GetUtcNow(), cancellationToken);
        if (action == BulkAction.RemoveTag && known is null)
        {
            BulkProblems.Add(Field, $"Ein Schlagwort „{tag.Display}“ gibt es nicht; entfernen lässt sich nur ein vorhandenes.");
            return null;
        }

        // The confirmation and the message name the tag as the pages will show it ("Koeln" is „Köln“).
        ChosenTag = known?.Name ?? tag.Display;
        return tag;
    }

    /// <summary>Only the list itself may be gone back to: never another site or page.</summary>
    private static bool IsListUrl(string? url) =>
        url is not null && (url == "/admin" || url.StartsWith("/admin?", StringComparison.Ordinal))
        && !url.Any(c => char.IsControl(c) || c == '\\');
}
