using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Editing;
using NewsSite.Web.Accounts;
using NewsSite.Web.Hardening;

namespace NewsSite.Web.Pages.Admin.Articles;

/// <summary>
/// New articles from Markdown files or .zip archives of them. The plain submit button publishes (a file that says
/// draft: true stays a draft, a future date schedules it); the second button saves every file as a draft.
/// </summary>
[LargeRequestBody]
public sealed class UploadModel(ArticleUploader uploader, UploadLimits limits, ILogger<UploadModel> logger) : PageModel
{
    public IReadOnlyList<UploadResult>? Results { get; private set; }

    public string? Error { get; private set; }

    public UploadLimits Limits => limits;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile>? files, string? mode, CancellationToken cancellationToken)
    {
        var chosen = (files ?? []).Where(f => !string.IsNullOrEmpty(f.FileName)).ToList();
        if (chosen.Count == 0)
        {
            Error = "Bitte mindestens eine Datei auswählen.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var uploads = chosen.Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream)).ToList();
        Results = await uploader.UploadAsync(uploads, saveAsDraft: mode == "draft", User.AccountName(), cancellationToken);
        foreach (var result in Results)
        {
            if (result.Failure is { } failure)
            {
                logger.LogError(failure, "Upload von {Account}: {File} scheiterte unerwartet; die übrigen Dateien wurden weiter gelesen",
                    User.AccountName(), result.Name);
            }
            else
            {
                logger.LogInformation("Upload von {Account}: {File} {Outcome} {Slug} {Reason}",
                    User.AccountName(), result.Name, result.Outcome, result.Slug, result.Reason);
            }
        }

        // Some files may have gone in while others were refused: the page lists each; the status says "none".
        if (!Results.Any(r => r.IsStored))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
