using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;
using NewsSite.Core.Editing;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin.Articles;

/// <summary>
/// Every saved version of an article with the acts between them (published, returned, trashed … from the audit log),
/// a line diff between any two, and restore: the old source is saved again as the newest revision, so restoring loses
/// nothing either. Restoring is the editors': an old version may be a published one. A restore keeps the article's
/// corrections, and restoring another text of a published article marks it updated like any republish
/// (<see cref="ArticleDraft.Restore"/>).
/// </summary>
public sealed class RevisionsModel(
    IArticleStore articles, IEditorArticles editing, ArticleDraft drafts, TimeProvider clock, IAuditLog audit,
    ILogger<RevisionsModel> logger) : PageModel
{
    /// <summary>What was done to the article besides saving it, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Events { get; private set; } = [];

    /// <summary>Versions and acts together, newest first: a version is followed by what was done after it.</summary>
    // At the same instant an act comes after the version it was written with (publishing saves, then records).
    public IEnumerable<(RevisionInfo? Revision, AuditEntry? Event)> Timeline =>
        Revisions.Select(r => (Revision: (RevisionInfo?)r, Event: (AuditEntry?)null, At: r.CreatedAt, Kind: 0, Order: (long)r.Number))
            .Concat(Events.Select(e => (Revision: (RevisionInfo?)null, Event: (AuditEntry?)e, e.At, Kind: 1, Order: e.Id)))
            .OrderByDescending(item => item.At).ThenByDescending(item => item.Kind).ThenByDescending(item => item.Order)
            .Select(item => (item.Revision, item.Event));

    public EditableArticle Article { get; private set; } = null!;

    public IReadOnlyList<RevisionInfo> Revisions { get; private set; } = [];

    public int From { get; private set; }

    public int To { get; private set; }

    public IReadOnlyList<DiffLine>? Diff { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, int? von, int? bis, CancellationToken cancellationToken)
    {
        // ?von=abc is a bad request, not "no choice".
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!User.MayWorkOn(Article))
        {
            return Forbid();
        }

        // Without a choice: what the latest save changed.
        To = bis ?? Article.Revision;
        From = von ?? Math.Max(1, To - 1);
        return await CompareAsync(id, cancellationToken) ? Page() : NotFound();
    }

    [EditorsOnly]
    public async Task<IActionResult> OnPostRestoreAsync(long id, int number, int revision, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var old = await editing.FindRevisionAsync(id, number, cancellationToken);
        if (old is null)
        {
            return NotFound();
        }

        try
        {
            var (_, content) = drafts.Restore(Article.Markdown, old.Markdown, Article.Status == ArticleStatus.Published, clock.GetUtcNow());
            var origin = new ArticleOrigin(RevisionOrigin.Editor, $"{User.AccountName()} (wiederhergestellt: Version {number})", SourceKey: null);
            var written = await articles.UpdateAsync(id, revision, content, origin, cancellationToken);
            logger.LogInformation("{Account} hat Version {Number} von Artikel {ArticleId} wiederhergestellt", User.AccountName(), number, id);
            TempData["Message"] = written.Kind == ArticleWriteKind.Unchanged
                ? $"Version {number} entspricht schon der aktuellen Fassung; nichts geändert."
                : $"Version {number} ist wiederhergestellt und jetzt die aktuelle Fassung (Version {written.Revision}).";
            return Redirect($"/admin/artikel/{id}");
        }
        catch (ArticleConcurrencyException e)
        {
            return await ShowErrorAsync(id, StatusCodes.Status409Conflict,
                $"Der Artikel wurde inzwischen geändert (Version {e.CurrentRevision} von {e.ChangedBy}). Bitte die Liste prüfen und erneut wiederherstellen.",
                cancellationToken);
        }
        catch (Exception e) when (e is ArticleFormatException or ArticleConflictException)
        {
            // An old source can clash with today's articles, e.g. a slug another article has taken since.
            return await ShowErrorAsync(id, StatusCodes.Status422UnprocessableEntity,
                $"Version {number} kann nicht wiederhergestellt werden: {e.Message}", cancellationToken);
        }
    }

    private async Task<IActionResult> ShowErrorAsync(long id, int status, string message, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Error = message;
        To = Article.Revision;
        From = Math.Max(1, To - 1);
        await CompareAsync(id, cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>Loads only the two sources compared.</summary>
    private async Task<bool> CompareAsync(long id, CancellationToken cancellationToken)
    {
        var from = await editing.FindRevisionAsync(id, From, cancellationToken);
        var to = await editing.FindRevisionAsync(id, To, cancellationToken);
        if (from is null || to is null)
        {
            return false;
        }

        Diff = LineDiff.Compare(from.Markdown, to.Markdown);
        return true;
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var article = await editing.FindForEditingAsync(id, cancellationToken);
        if (article is null)
        {
            return false;
        }

        Article = article;
        Revisions = await editing.ListHistoryAsync(id, cancellationToken);
        Events = await audit.ListForArticleAsync(id, cancellationToken);
        return true;
    }
}
