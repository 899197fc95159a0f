using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Data;
using NewsSite.Core.Images;
using NewsSite.Web.Accounts;
using NewsSite.Web.Hosting;
using NewsSite.Web.Images;

namespace NewsSite.Web.Pages.Admin.Pictures;

/// <summary>One picture of the library: its words, where it is used, and deletion (only when unused, after a second step).</summary>
public sealed class DetailsModel(SiteStorage storage, ImageStore images, SitePaths paths, ILogger<DetailsModel> logger) : PageModel
{
    public LibraryPicture Picture { get; private set; } = null!;

    public IReadOnlyList<PictureUse> Usage { get; private set; } = [];

    public FieldProblems Problems { get; } = new();

    public bool AskToConfirm { get; private set; }

    public string? DeleteError { get; private set; }

    public string? Saved { get; private set; }

    [BindProperty]
    public string? Alt { get; set; }

    [BindProperty]
    public string? Caption { get; set; }

    [BindProperty]
    public string? Credit { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    public string Markdown => $"![{Picture.Alt}]({Picture.Url}{(Picture.Caption.Length > 0 ? " \"" + Picture.Caption.Replace("\"", "'", StringComparison.Ordinal) + "\"" : "")})";

    public async Task<IActionResult> OnGetAsync(string file, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(file, cancellationToken))
        {
            return NotFound();
        }

        (Alt, Caption, Credit) = (Picture.Alt, Picture.Caption, Picture.Credit);
        return Page();
    }

    [EditorsOnly]
    public async Task<IActionResult> OnPostAsync(string file, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(file, cancellationToken))
        {
            return NotFound();
        }

        var details = new PictureDetails((Alt ?? "").Trim(), (Caption ?? "").Trim(), (Credit ?? "").Trim());
        var problems = await storage.PictureLibrary.UpdateDetailsAsync(file, details, cancellationToken);
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems)
            {
                Problems.Add(field.Length == 0 ? null : field, message);
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        logger.LogInformation("{Account} hat die Angaben zum Bild {Image} geändert", User.AccountName(), file);
        return Redirect("/admin/bilder/" + file);
    }

    [EditorsOnly]
    public async Task<IActionResult> OnPostDeleteAsync(string file, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(file, cancellationToken))
        {
            return NotFound();
        }

        (Alt, Caption, Credit) = (Picture.Alt, Picture.Caption, Picture.Credit);
        if (Usage.Count > 0)
        {
            DeleteError = "Das Bild wird noch verwendet und kann nicht gelöscht werden: " +
                string.Join(", ", Usage.Select(u => $"„{u.Title}“")) + ".";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        if (!Confirmed)
        {
            AskToConfirm = true;
            return Page();
        }

        var result = await storage.PictureLibrary.DeleteAsync(file, images.Folder, ArticleImages.VariantsFolder(paths), cancellationToken);
        if (!result.Deleted)
        {
            DeleteError = "Das Bild wird noch verwendet und kann nicht gelöscht werden: " +
                string.Join(", ", result.UsedBy.Select(u => $"„{u.Title}“")) + ".";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        images.Forget(file);
        logger.LogInformation("{Account} hat das Bild {Image} gelöscht", User.AccountName(), file);
        return Redirect("/admin/bilder");
    }

    private async Task<bool> LoadAsync(string file, CancellationToken cancellationToken)
    {
        if (!ImageStore.IsStoredFileName(file) || await storage.PictureLibrary.FindAsync(file, cancellationToken) is not { } picture)
        {
            return false;
        }

        Picture = picture;
        Usage = await storage.PictureLibrary.UsageAsync(file, cancellationToken);
        return true;
    }
}
