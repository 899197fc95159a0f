using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.Previews;
using NewsSite.Web.Accounts;
using NewsSite.Web.Addresses;
using NewsSite.Web.Pages.Articles;

namespace NewsSite.Web.Pages.Admin.Articles;

/// <summary>
/// An article's preview links (decision 0020): make one for a draft, an article in review or a scheduled one, with an
/// expiry of 1, 7 or 30 days; the whole link is shown once, in the answer to the form, since only its hash is kept.
/// The list shows every link's state and revokes the active ones. Editors only: the page by its policy
/// (<see cref="AdminArea"/>), its handlers by <see cref="EditorsOnlyAttribute"/> as well.
/// </summary>
public sealed class PreviewLinksModel(
    IEditorArticles editing, IPreviewLinkStore links, TimeProvider clock, SiteUrls urls, ILogger<PreviewLinksModel> logger) : PageModel
{
    public EditableArticle Article { get; private set; } = null!;

    public IReadOnlyList<PreviewLink> Links { get; private set; } = [];

    public FieldProblems Problems { get; } = new();

    /// <summary>The expiry chosen in the form, in days, as typed (shown again after a refusal).</summary>
    public string Expiry { get; private set; } = PreviewLink.DefaultDays.ToString(CultureInfo.InvariantCulture);

    /// <summary>The link just made, whole: shown in this answer only.</summary>
    public string? NewLink { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>Readers do not see it yet: a preview can be made.</summary>
    public bool MayHaveNewLinks => Article.Status is ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.Scheduled;

    public static string PathOf(long id) => FormattableString.Invariant($"/admin/artikel/{id}/vorschau-links");

    public static string StateText(PreviewLinkState state) => state switch
    {
        PreviewLinkState.Active => "aktiv",
        PreviewLinkState.Expired => "abgelaufen",
        _ => "widerrufen",
    };

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    [EditorsOnly]
    public async Task<IActionResult> OnPostCreateAsync(long id, string? expiry, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Expiry = expiry?.Trim() ?? "";
        if (!int.TryParse(Expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || !PreviewLink.ExpiryDays.Contains(days))
        {
            Problems.Add("expiry", "Bitte wählen, wie lange der Link gilt: 1, 7 oder 30 Tage.");
            return Invalid();
        }

        if (!MayHaveNewLinks)
        {
            Problems.Add("create", "Vorschau-Links gibt es nur für Entwürfe, Artikel in Prüfung und geplante Artikel.");
            return Invalid();
        }

        var token = PreviewToken.New();
        var link = await links.CreateAsync(
            id, PreviewToken.Hash(token), Now.AddDays(days), User.AccountName(), LoginThrottle.ClientAddress(HttpContext), cancellationToken);
        if (link is null)
        {
            // Published or trashed between loading and writing.
            Problems.Add("create", "Vorschau-Links gibt es nur für Entwürfe, Artikel in Prüfung und geplante Artikel.");
            await LoadAsync(id, cancellationToken);
            return Invalid();
        }

        logger.LogInformation("{Account} hat für Artikel {ArticleId} den Vorschau-Link {LinkId} erstellt, gültig bis {ExpiresAt}",
            User.AccountName(), id, link.Id, link.ExpiresAt);
        Links = await links.ListAsync(id, cancellationToken);
        NewLink = urls.Absolute(PreviewModel.PathOf(token));
        Expiry = PreviewLink.DefaultDays.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    [EditorsOnly]
    public async Task<IActionResult> OnPostRevokeAsync(long id, long? link, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (link is not { } linkId || Links.All(l => l.Id != linkId))
        {
            return NotFound();
        }

        if (await links.RevokeAsync(id, linkId, User.AccountName(), LoginThrottle.ClientAddress(HttpContext), cancellationToken))
        {
            logger.LogInformation("{Account} hat den Vorschau-Link {LinkId} von Artikel {ArticleId} widerrufen", User.AccountName(), linkId, id);
            TempData["Message"] = "Der Vorschau-Link ist widerrufen; er zeigt den Artikel niemandem mehr.";
        }
        else
        {
            TempData["Message"] = "Dieser Vorschau-Link war schon widerrufen.";
        }

        return Redirect(PathOf(id));
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var article = await editing.FindForEditingAsync(id, cancellationToken);
        if (article is null)
        {
            return false;
        }

        Article = article;
        Links = await links.ListAsync(id, cancellationToken);
        Now = clock.GetUtcNow();
        return true;
    }
}
