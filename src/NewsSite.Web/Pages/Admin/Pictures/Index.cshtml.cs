using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Data;
using NewsSite.Core.Images;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin.Pictures;

/// <summary>The picture library: newest first, searchable, with an upload of several files that applies the same words to all.</summary>
public sealed class IndexModel(SiteStorage storage, ImageStore images, ILogger<IndexModel> logger) : PageModel
{
    public const int PageSize = 24;

    public PicturePage Pictures { get; private set; } = new([], false);

    public string? Query { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public List<string> Rejected { get; } = [];

    public List<string> Saved { get; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? q, int? seite, string? fehler, CancellationToken cancellationToken)
    {
        Error = fehler;
        await LoadAsync(q, seite, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile>? files, string? alt, string? caption, string? credit, CancellationToken cancellationToken)
    {
        var details = new PictureDetails((alt ?? "").Trim(), (caption ?? "").Trim(), (credit ?? "").Trim());
        if (details.Problems() is { Count: > 0 } problems)
        {
            Error = string.Join(" ", problems.Select(p => p.Message));
        }
        else if (files is null || files.Count == 0)
        {
            Error = "Bitte mindestens eine Bilddatei auswählen.";
        }
        else
        {
            foreach (var file in files)
            {
                var name = Path.GetFileName(file.FileName);
                try
                {
                    await using var stream = file.OpenReadStream();
                    await images.SaveAsync(stream, new PictureAbout(details.Alt, details.Caption, details.Credit, name, User.AccountName()), cancellationToken);
                    Saved.Add(name);
                }
                catch (ImageRejectedException e)
                {
                    Rejected.Add($"„{name}“: {e.Message}");
                }
            }

            logger.LogInformation("{Account} hat {Count} Bilder in die Bildbibliothek geladen", User.AccountName(), Saved.Count);
        }

        if (Error is not null || Rejected.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        await LoadAsync(null, 1, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string? q, int? seite, CancellationToken cancellationToken)
    {
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        PageNumber = Math.Max(1, seite ?? 1);
        Pictures = await storage.PictureLibrary.SearchAsync(Query, PageNumber, PageSize, cancellationToken);
    }
}
