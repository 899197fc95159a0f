using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin.Authors;

/// <summary>
/// An author's bio as Markdown: rendered with the articles' pipeline when saved, shown on /autor/{slug}. Every save
/// is kept as a version. A save against an outdated version is refused and the editor's text is shown again.
/// </summary>
public sealed class AuthorBioModel(IAuthorStore articles, AuthorProfileParser bios, ILogger<AuthorBioModel> logger) : PageModel
{
    [BindProperty]
    public string? Bio { get; set; }

    /// <summary>The version the editor started from.</summary>
    [BindProperty]
    public int Version { get; set; }

    public EditableAuthor Author { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Bio = Author.Bio.Markdown;
        Version = Author.BioVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var bio = bios.PrepareBio(Bio);
            var saved = await articles.SaveBioAsync(Author.Slug, Version, bio, User.AccountName(), cancellationToken);
            if (saved.Changed)
            {
                logger.LogInformation("{Account} hat die Biografie von {Author} gespeichert (Fassung {Version})", User.AccountName(), Author.Slug, saved.Version);
            }

            TempData["Message"] = !saved.Changed ? "Die Biografie ist unverändert; es wurde nichts gespeichert."
                : bio.IsEmpty ? $"Die Biografie ist entfernt (Fassung {saved.Version}). Frühere Fassungen bleiben erhalten."
                : $"Die Biografie ist gespeichert (Fassung {saved.Version}) und steht auf der Autorenseite.";
            return Redirect($"/admin/autoren/{Author.Slug}");
        }
        catch (AuthorBioException e)
        {
            return Invalid(e.Message, StatusCodes.Status422UnprocessableEntity);
        }
        catch (AuthorBioConcurrencyException e)
        {
            // Sending the form again replaces the other version, which stays in the history.
            Version = e.CurrentVersion;
            return Invalid(e.Message + " Die andere Fassung steht unten; erneutes Speichern ersetzt sie.", StatusCodes.Status409Conflict);
        }
        catch (AuthorNotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var author = Slug.IsValid(slug) ? await articles.FindAuthorForEditingAsync(slug, cancellationToken) : null;
        Author = author!;
        return author is not null;
    }

    private PageResult Invalid(string message, int statusCode)
    {
        Error = message;
        ModelState.Clear();
        Response.StatusCode = statusCode;
        return Page();
    }
}
