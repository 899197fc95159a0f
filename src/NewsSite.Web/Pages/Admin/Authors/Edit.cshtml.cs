using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Web.Accounts;
using NewsSite.Web.Addresses;

namespace NewsSite.Web.Pages.Admin.Authors;

/// <summary>
/// An author's bio as Markdown: rendered with the articles' pipeline when saved, shown on /autor/{slug}. Every save
/// is kept as a version. A save against an outdated version is refused and the editor's text is shown again.
/// </summary>
public sealed class AuthorBioModel(
    IAuthorStore articles, AuthorProfileParser bios, NewsSite.Core.Accounts.IUserStore users, ILogger<AuthorBioModel> logger) : PageModel
{
    [BindProperty]
    public string? Bio { get; set; }

    /// <summary>The version the editor started from.</summary>
    [BindProperty]
    public int Version { get; set; }

    public EditableAuthor Author { get; private set; } = null!;

    public string? Error { get; private set; }

    /// <summary>The profile form's problems, beside their fields (name, slug, account).</summary>
    public FieldProblems Problems { get; } = new();

    /// <summary>The profile form as posted, shown again with its problems.</summary>
    public AuthorProfileEdit? PostedProfile { get; private set; }

    /// <summary>Every account's name, for the account link.</summary>
    public IReadOnlyList<string> AccountNames { get; private set; } = [];

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

    /// <summary>
    /// Name, address and account link (decision 0021): a new address keeps the old one answering 301, page and feeds; a
    /// new name is written into every article's source as a new revision.
    /// </summary>
    public async Task<IActionResult> OnPostProfileAsync(
        string slug, string? name, string? newSlug, string? account, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        var edit = new AuthorProfileEdit(name ?? "", newSlug ?? "", string.IsNullOrWhiteSpace(account) ? null : account);
        try
        {
            var change = await articles.UpdateProfileAsync(Author.Slug, edit, User.AccountName(), cancellationToken);
            logger.LogInformation("{Account} hat das Autorenprofil {Old} geändert: {Name} unter {Slug}, Konto {Linked} ({Rewritten} Quelltexte)",
                User.AccountName(), Author.Slug, change.Name, change.Slug, edit.AccountName ?? "-", change.ArticlesRewritten);
            var moved = change.Slug == Author.Slug ? "" : $" Die alte Adresse {SiteUrls.AuthorPath(Author.Slug)} leitet weiter, auch ihre Feeds.";
            var rewritten = change.ArticlesRewritten == 0 ? "" : $" {change.ArticlesRewritten} Artikel mit neuer Version.";
            TempData["Message"] = $"Das Profil ist gespeichert: „{change.Name}“ unter {SiteUrls.AuthorPath(change.Slug)}.{moved}{rewritten}";
            return Redirect($"/admin/autoren/{change.Slug}");
        }
        catch (AuthorProfileException e)
        {
            Problems.Add(e.Field, e.Message);
            PostedProfile = edit;
            Bio = Author.Bio.Markdown;
            Version = Author.BioVersion;
            ModelState.Clear();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
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
        AccountNames = [.. (await users.ListAsync(cancellationToken)).Select(u => u.Name).Order(StringComparer.Ordinal)];
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
