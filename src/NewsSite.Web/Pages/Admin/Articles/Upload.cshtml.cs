using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsSite.Core.Editing;
using NewsSite.Web.Accounts;
using NewsSite.Web.Hardening;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Pages.Admin.Articles;

/// <summary>
/// New articles from Markdown files or .zip archives of them. The plain submit button publishes (a file that says
/// draft: true stays a draft, a future date schedules it); the second button saves every file as a draft.
/// </summary>
[LargeRequestBody]
public sealed class UploadModel(ArticleUploader uploader, IOptions<NewsSiteOptions> options, ILogger<UploadModel> logger) : PageModel
{
    public IReadOnlyList<UploadResult>? Results { get; private set; }

    public string? Error { get; private set; }

    public long MaxFileBytes => options.Value.MaxMarkdownFileBytes;

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
        Results = await uploader.UploadAsync(uploads, saveAsDraft: mode == "draft", User.AccountName(), MaxFileBytes, cancellationToken);
        foreach (var result in Results)
        {
            logger.LogInformation("Upload von {Account}: {File} {Outcome} {Slug} {Reason}",
                User.AccountName(), result.Name, result.Outcome, result.Slug, result.Reason);
        }

        // Some files may have gone in while others were refused: the page lists each; the status says "not all".
        if (Results.All(r => r.Outcome == UploadOutcome.Rejected))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
