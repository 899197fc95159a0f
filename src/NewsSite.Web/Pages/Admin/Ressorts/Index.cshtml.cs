using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.Ressorts;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin.Ressorts;

/// <summary>
/// Admins only (folder convention): the Ressort list of the header navigation. Add, rename, change a slug (the old
/// address redirects), move up or down, delete one that no article uses. Each change is journaled as a change of the
/// whole site, so every cached page gets the new navigation.
/// </summary>
public sealed class IndexModel(IRessortStore ressorts, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>Where an error of the form for a new Ressort is shown: the id of neither row.</summary>
    public const long NewRessort = 0;

    public IReadOnlyList<Ressort> Ressorts { get; private set; } = [];

    public IReadOnlyDictionary<long, int> ArticleCounts { get; private set; } = new Dictionary<long, int>();

    public string? Error { get; private set; }

    /// <summary>The row (a Ressort's id, or <see cref="NewRessort"/>) and input ("name", "slug", "delete") the error concerns.</summary>
    public (long Row, string Field)? ErrorAt { get; private set; }

    /// <summary>What the admin typed, shown again in the row of the error.</summary>
    public (string? Name, string? Slug) Posted { get; private set; }

    /// <summary>The input's id in its row: "name-7", "slug-new".</summary>
    public static string InputId(string field, long row) => $"{field}-{(row == NewRessort ? "new" : row.ToString(System.Globalization.CultureInfo.InvariantCulture))}";

    public string? ErrorFor(string field, long row) => ErrorAt == (row, field) ? Error : null;

    public string? DescribedBy(string field, long row, string? hint = null) =>
        string.Join(' ', new[] { hint, ErrorFor(field, row) is null ? null : InputId(field, row) + "-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;

    public string? InvalidFlag(string field, long row) => ErrorFor(field, row) is null ? null : "true";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? name, string? slug, CancellationToken cancellationToken)
    {
        var draft = Draft(name, slug);
        try
        {
            var added = await ressorts.AddAsync(draft, cancellationToken);
            logger.LogInformation("{Admin} hat das Ressort {Ressort} ({Slug}) angelegt", User.AccountName(), added.Name, added.Slug);
            return Done($"Ressort „{added.Name}“ angelegt: {Addresses.SiteUrls.RessortPath(added.Slug)}.");
        }
        catch (RessortConflictException e)
        {
            return await InvalidAsync(NewRessort, e, name, slug, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostUpdateAsync(long id, string? name, string? slug, CancellationToken cancellationToken)
    {
        var draft = Draft(name, slug);
        try
        {
            if (!await ressorts.UpdateAsync(id, draft, cancellationToken))
            {
                return NotFound();
            }

            logger.LogInformation("{Admin} hat das Ressort {Id} gespeichert: {Ressort} ({Slug})", User.AccountName(), id, draft.Name, draft.Slug);
            return Done($"Ressort „{draft.Name}“ gespeichert.");
        }
        catch (RessortConflictException e)
        {
            return await InvalidAsync(id, e, name, slug, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostMoveAsync(long id, string? direction, CancellationToken cancellationToken)
    {
        if (direction is not ("up" or "down"))
        {
            return BadRequest();
        }

        if (!await ressorts.MoveAsync(id, up: direction == "up", cancellationToken))
        {
            return NotFound();
        }

        logger.LogInformation("{Admin} hat das Ressort {Id} verschoben ({Direction})", User.AccountName(), id, direction);
        return Done("Reihenfolge gespeichert.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            if (!await ressorts.DeleteAsync(id, cancellationToken))
            {
                return NotFound();
            }

            logger.LogInformation("{Admin} hat das Ressort {Id} gelöscht", User.AccountName(), id);
            return Done("Ressort gelöscht.");
        }
        catch (RessortConflictException e)
        {
            return await InvalidAsync(id, e, null, null, cancellationToken);
        }
    }

    /// <summary>An empty slug is the one derived from the name, as the form's hint says.</summary>
    private static RessortDraft Draft(string? name, string? slug)
    {
        var cleanName = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var cleanSlug = string.IsNullOrWhiteSpace(slug) ? Slug.FromText(cleanName, fallback: "ressort") : slug.Trim();
        return new RessortDraft(cleanName, cleanSlug);
    }

    private RedirectResult Done(string message)
    {
        TempData["Message"] = message;
        return Redirect("/admin/ressorts");
    }

    private async Task<IActionResult> InvalidAsync(long row, RessortConflictException e, string? name, string? slug, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Error = e.Message;
        ErrorAt = (Ressorts.Any(r => r.Id == row) || row == NewRessort ? row : NewRessort, e.Field);
        Posted = (name, slug);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Ressorts = await ressorts.ListAsync(cancellationToken);
        ArticleCounts = await ressorts.CountArticlesAsync(cancellationToken);
    }
}
