using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core;
using NewsSite.Core.Tags;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin.Tags;

/// <summary>
/// Editors and admins (folder convention): every tag with its counts and aliases, sortable, and the report of likely
/// duplicates with a merge form for each pair. Renaming, merging by name and aliases are on each tag's own page
/// (<see cref="TagEditModel"/>).
/// </summary>
public sealed class TagListModel(ITagStore tags, TimeProvider clock, ILogger<TagListModel> logger) : PageModel
{
    public const string Path = "/admin/schlagwoerter";

    /// <summary>How many pairs the report shows at most: the rest appear once the first are dealt with.</summary>
    public const int ReportLimit = 200;

    /// <summary>The ?sortierung= values and their column headings.</summary>
    public static IReadOnlyList<(string Value, string Label)> Sorts { get; } =
    [
        ("", "Name"),
        ("veroeffentlicht", "Veröffentlicht"),
        ("alle", "Alle Artikel"),
    ];

    public IReadOnlyList<TagSummary> Tags { get; private set; } = [];

    public IReadOnlyList<LikelyDuplicate> Duplicates { get; private set; } = [];

    public string Sort { get; private set; } = "";

    /// <summary>Why the last merge from the report was refused; shown in the report, beside the pair when it is still listed.</summary>
    public string? MergeError { get; private set; }

    /// <summary>The pair (merged, kept) the error concerns.</summary>
    public (long From, long Into)? MergeErrorAt { get; private set; }

    public static string MergeFormId(long from, long into) =>
        FormattableString.Invariant($"merge-{from}-into-{into}");

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "sortierung")] string? sortierung, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(sortierung) && Sorts.All(s => s.Value != sortierung))
        {
            return BadRequest();
        }

        Sort = sortierung ?? "";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostMergeAsync(long from, long into, CancellationToken cancellationToken)
    {
        try
        {
            var merged = await tags.FindAsync(from, clock.GetUtcNow(), cancellationToken);
            var change = await tags.MergeAsync(from, into, User.AccountName(), cancellationToken);
            logger.LogInformation("{Account} hat das Schlagwort {From} mit {Into} zusammengeführt ({Articles} Artikel)",
                User.AccountName(), from, change.Name, change.ArticlesMoved);
            TempData["Message"] = TagEditModel.MergedMessage(merged?.Name ?? "", change);
            return Redirect(Path + "#doppelte");
        }
        catch (Exception e) when (e is TagConflictException or TagNotFoundException)
        {
            await LoadAsync(cancellationToken);
            MergeError = e.Message;
            MergeErrorAt = (from, into);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    public string? ErrorFor(long from, long into) => MergeErrorAt == (from, into) ? MergeError : null;

    /// <summary>Whether the error's pair is no longer in the report, so that the error is shown above it.</summary>
    public bool ErrorOutsideReport => MergeError is not null && !Duplicates.Take(ReportLimit).Any(d =>
        (d.Merge.Id, d.Keep.Id) == MergeErrorAt || (d.Keep.Id, d.Merge.Id) == MergeErrorAt);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await tags.ListAsync(clock.GetUtcNow(), cancellationToken);
        Duplicates = TagDuplicates.Find(all);
        Tags = Sort switch
        {
            "veroeffentlicht" => [.. all.OrderByDescending(t => t.Published).ThenBy(t => t.Name, GermanOrder.Names)],
            "alle" => [.. all.OrderByDescending(t => t.Articles).ThenBy(t => t.Name, GermanOrder.Names)],
            _ => all,
        };
    }
}
