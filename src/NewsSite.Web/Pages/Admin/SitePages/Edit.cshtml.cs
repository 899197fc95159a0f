using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.SitePages;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin.SitePages;

/// <summary>
/// Admins only (folder convention): write or change a fixed page, or delete it. /admin/seiten/neu is the form for a
/// new one (so no page can be called "neu", see <see cref="SitePageParser.ReservedSlugs"/>). Every save is kept in
/// the page's history; a refused save shows the text again with the reason beside its field.
/// </summary>
public sealed class EditModel(ISitePageStore pages, SitePageParser parser, ILogger<EditModel> logger) : PageModel
{
    public const string NewPageSlug = "neu";

    [BindProperty]
    public string? Title { get; set; }

    /// <summary>
    /// Only for a new page: the address cannot change later, since readers and search engines keep it. Not called
    /// "Slug": the form's value would then bind to the handler's route parameter of that name as well.
    /// </summary>
    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Markdown { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public EditableSitePage? Existing { get; private set; }

    public bool IsNew => Existing is null;

    public string? Preview { get; private set; }

    private string? Error { get; set; }

    private string? ErrorField { get; set; }

    public string? ErrorFor(string field) => ErrorField == field ? Error : null;

    public string? InvalidFlag(string field) => ErrorFor(field) is null ? null : "true";

    public string? DescribedBy(string field, string? hint = null) =>
        string.Join(' ', new[] { hint, ErrorFor(field) is null ? null : field + "-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (slug == NewPageSlug)
        {
            return Page();
        }

        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Title = Existing!.Title;
        Markdown = Existing.Markdown;
        Preview = (await pages.FindAsync(slug, cancellationToken))?.BodyHtml;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        var isNew = slug == NewPageSlug;
        if (!isNew && !await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        SitePageContent page;
        try
        {
            page = parser.Prepare(isNew ? Address : slug, Title, Markdown);
        }
        catch (SitePageException e)
        {
            return Invalid(e.Field, e.Message);
        }

        if (isNew && await pages.FindEditableAsync(page.Slug, cancellationToken) is not null)
        {
            return Invalid("slug", $"Unter /{page.Slug} gibt es schon eine Seite. Bitte eine andere Adresse wählen oder die Seite bearbeiten.");
        }

        var written = await pages.SaveAsync(page, User.AccountName(), cancellationToken: cancellationToken);
        if (written != SitePageWriteKind.Unchanged)
        {
            logger.LogInformation("{Account} hat die Seite /{Slug} gespeichert ({Kind})", User.AccountName(), page.Slug, written);
        }

        TempData["Message"] = written switch
        {
            SitePageWriteKind.Created => $"Die Seite ist angelegt und steht unter /{page.Slug} und im Fuß jeder Seite.",
            SitePageWriteKind.Updated => $"Die Seite /{page.Slug} ist gespeichert.",
            _ => "Die Seite ist unverändert; es wurde nichts gespeichert.",
        };
        return Redirect($"/admin/seiten/{page.Slug}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, CancellationToken cancellationToken)
    {
        if (slug == NewPageSlug || !await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (!Confirm)
        {
            Title = Existing!.Title;
            Markdown = Existing.Markdown;
            return Invalid("confirm", "Bitte bestätigen, dass die Seite gelöscht werden soll.");
        }

        await pages.DeleteAsync(slug, cancellationToken);
        logger.LogInformation("{Account} hat die Seite /{Slug} gelöscht", User.AccountName(), slug);
        TempData["Message"] = $"Die Seite /{slug} ist gelöscht.";
        return Redirect("/admin/seiten");
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        Existing = NewsSite.Core.Articles.Slug.IsValid(slug) ? await pages.FindEditableAsync(slug, cancellationToken) : null;
        return Existing is not null;
    }

    private PageResult Invalid(string field, string message)
    {
        Error = message;
        ErrorField = field;
        ModelState.Clear();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
