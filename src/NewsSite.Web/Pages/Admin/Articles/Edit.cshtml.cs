using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Core.Images;
using NewsSite.Web.Accounts;
using NewsSite.Web.Editing;
using NewsSite.Web.Hardening;
using NewsSite.Web.Images;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Pages.Admin.Articles;

/// <summary>
/// Write a new article or edit one: a field for each front matter value, the body as Markdown beside a preview that
/// the public page's own partial renders, and the buttons that decide visibility. Every save goes through the import's
/// parser and becomes a revision (<see cref="ArticleDraft"/>); a save against an outdated revision is refused and the
/// editor's text is shown again, so no update is lost either way. Taking a live article offline or into the trash asks
/// first, as a second step that works without JavaScript. Contributors open only their own drafts and submit them for
/// review; publishing, trashing and the review decisions are editors' handlers (<see cref="EditorsOnlyAttribute"/>).
/// </summary>
[LargeRequestBody]
public sealed class EditModel(
    IArticleStore articles, IEditorArticles editing, ArticleDraft drafts, ImageStore images, TimeProvider clock, ILogger<EditModel> logger,
    EditorChoices choices, IAutosaveStore autosaves, AutosaveOffers autosaveOffers, IPictureLibrary library, IAuditLog audit) : PageModel
{
    public const int MaxReviewCommentLength = 2000;

    /// <summary>The reviewer's words when approving or returning (required for returning).</summary>
    [BindProperty]
    public string? ReviewComment { get; set; }

    /// <summary>Why the article was last sent back, while it is a returned draft.</summary>
    public AuditEntry? Returned { get; private set; }

    /// <summary>The library picture chosen as lead picture without JavaScript (its address).</summary>
    [BindProperty]
    public string? PickedImage { get; set; }

    /// <summary>What the lead-image picker searches the library for; empty: the newest pictures.</summary>
    [BindProperty(SupportsGet = true)]
    public string? LeadImageQuery { get; set; }

    /// <summary>Library pictures the lead-image picker offers.</summary>
    public PicturePage LeadImageChoices { get; private set; } = new([], false);

    public const int LeadImageChoiceCount = 12;

    [BindProperty]
    public ArticleFieldsForm Fields { get; set; } = new();

    /// <summary>The article's text: Markdown without front matter.</summary>
    [BindProperty]
    public string? Body { get; set; }

    /// <summary>The revision the editor started from; 0 for a new article.</summary>
    [BindProperty]
    public int Revision { get; set; }

    /// <summary>„Kleine Änderung“: a republish that does not tell readers „Aktualisiert am“.</summary>
    [BindProperty]
    public bool MinorChange { get; set; }

    /// <summary>A public correction note, saved with its time below the article; empty for none.</summary>
    [BindProperty]
    public string? Correction { get; set; }

    /// <summary>The corrections the article has already, newest first, as its stored source lists them.</summary>
    public IReadOnlyList<ArticleCorrection> StoredCorrections =>
        _storedCorrections ??= Article is null ? [] : [.. EditorForm.CorrectionsOf(Article.Markdown).Reverse()];

    private IReadOnlyList<ArticleCorrection>? _storedCorrections;

    /// <summary>Set by the second step of an action that asks first (unpublish, trash).</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    public long? ArticleId { get; private set; }

    public EditableArticle? Article { get; private set; }

    public EditorPreview? Preview { get; private set; }

    public FieldProblems Problems { get; } = new();

    /// <summary>What to choose from: Ressorts, authors and tags for the fields' suggestions.</summary>
    public EditorChoiceLists Choices { get; private set; } = EditorChoiceLists.None;

    /// <summary>Which action waits for the editor's confirmation ("unpublish", "trash"), if any.</summary>
    public string? Confirming { get; private set; }

    public bool IsConflict { get; private set; }

    public string? ImageMarkdown { get; private set; }

    public string? ImageUrl { get; private set; }

    public string ActionUrl(string handler) =>
        (ArticleId is { } id ? $"/admin/artikel/{id}" : "/admin/artikel/neu") + "?handler=" + handler;

    /// <summary>The lead picture the form names, when the site has it.</summary>
    public LeadImageChoice? LeadImage =>
        images.FindByUrl(Fields.Image?.Trim()) is { } facts ? LeadImageChoice.Of(facts) : null;

    public bool IsLive => Article?.Status is ArticleStatus.Published or ArticleStatus.Scheduled;

    /// <summary>Readers see it now: its saves can tell them it was updated or corrected.</summary>
    public bool IsPublished => Article?.Status == ArticleStatus.Published;

    private UpdateNotice Notice => new(IsPublished, MinorChange, Correction ?? "");

    // Before every handler: each of them can end in the form. [NonHandler]: by its name Razor Pages would otherwise
    // take it for a handler of the HTTP method "PAGE", callable with arguments it cannot bind.
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(context);
        if (context.HandlerArguments.TryGetValue("id", out var value) && value is long id)
        {
            // Every handler of an existing article, before it runs: a contributor's reach ends at their own drafts.
            if (!await LoadAsync(id, HttpContext.RequestAborted))
            {
                context.Result = NotFound();
                return;
            }

            if (!User.MayWorkOn(Article!))
            {
                context.Result = Forbid();
                return;
            }

            if (Article!.Review == ReviewState.Returned)
            {
                Returned = await audit.FindLatestAsync(id, AuditAction.Returned, HttpContext.RequestAborted);
            }
        }

        Choices = await choices.LoadAsync(HttpContext.RequestAborted);
        var executed = await next();
        if (executed.Result is PageResult)
        {
            // Only for the whole page (the result runs after this): the picker's grid is part of the form.
            LeadImageChoices = await library.SearchAsync(LeadImageQuery?.Trim(), 1, LeadImageChoiceCount, HttpContext.RequestAborted);
        }
    }

    /// <summary>This editor's autosave of this article when it differs from the saved version (shown above the form).</summary>
    public AutosaveOffer? Autosave { get; private set; }

    /// <summary>The autosave was put into the form (?autosave=wiederherstellen); not saved yet.</summary>
    public bool AutosaveRestored { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, string? autosave, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        var stored = Article is null ? null : EditorForm.FromSource(Article.Markdown);
        if (stored is not null)
        {
            Show(stored);
            Revision = Article!.Revision;
        }

        Autosave = await autosaveOffers.FindAsync(User.AccountName(), id, stored, Revision, cancellationToken);
        if (Autosave is not null && autosave == "wiederherstellen")
        {
            // Into the form only: saving it is the editor's decision, and Revision stays the stored one, so that a
            // version saved by someone since is detected as a conflict rather than overwritten unseen.
            Show(Autosave.Form);
            AutosaveRestored = true;
            Autosave = null;
        }
        else if (Article is null && string.IsNullOrEmpty(Fields.Author))
        {
            // A new article is by the person writing it, when their account has a profile (decision 0021).
            Fields.Author = await choices.BylineForAsync(User.AccountName(), cancellationToken);
        }

        return Page();
    }

    [EditorsOnly]
    public Task<IActionResult> OnPostPublishAsync(long? id, CancellationToken cancellationToken) =>
        SaveAsync(id, PublishIntent.Publish, cancellationToken);

    /// <summary>The writer's text is saved as a draft and goes to the review queue.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(long? id, CancellationToken cancellationToken)
    {
        if (IsLive)
        {
            Problems.Add("review", "Der Artikel ist schon öffentlich; einreichen geht nur mit einem Entwurf.");
            return Invalid();
        }

        var written = await WriteAsync(id, PublishIntent.Draft, cancellationToken);
        if (written is null)
        {
            return Page();
        }

        await articles.SubmitForReviewAsync(written.ArticleId, User.AccountName(), CancellationToken.None);
        logger.LogInformation("{Account} hat Artikel {ArticleId} zur Prüfung eingereicht", User.AccountName(), written.ArticleId);
        TempData["Message"] = $"Zur Prüfung eingereicht (Version {written.Revision}). Eine Redakteurin oder ein Redakteur prüft und veröffentlicht ihn.";
        return Redirect($"/admin/artikel/{written.ArticleId}");
    }

    /// <summary>An editor approves an article in review: it is published (or scheduled, by its date) as it stands in the form.</summary>
    [EditorsOnly]
    public async Task<IActionResult> OnPostApproveAsync(long id, CancellationToken cancellationToken)
    {
        if (RefuseReview(commentRequired: false) is { } refused)
        {
            return refused;
        }

        var written = await WriteAsync(id, PublishIntent.Publish, cancellationToken);
        if (written is null)
        {
            return Page();
        }

        await audit.RecordAsync(new AuditEvent(User.AccountName(), AuditAction.Approved, id, Fields.Title?.Trim() ?? Article!.Title,
            string.IsNullOrWhiteSpace(ReviewComment) ? null : ReviewComment.Trim()), CancellationToken.None);
        return Redirect($"/admin/artikel/{written.ArticleId}");
    }

    /// <summary>An editor sends an article in review back to its writer, with a comment; the form's text is kept as a draft.</summary>
    [EditorsOnly]
    public async Task<IActionResult> OnPostReturnAsync(long id, CancellationToken cancellationToken)
    {
        if (RefuseReview(commentRequired: true) is { } refused)
        {
            return refused;
        }

        var written = await WriteAsync(id, PublishIntent.Draft, cancellationToken);
        if (written is null)
        {
            return Page();
        }

        await articles.ReturnFromReviewAsync(id, User.AccountName(), ReviewComment!.Trim(), CancellationToken.None);
        logger.LogInformation("{Account} hat Artikel {ArticleId} zur Überarbeitung zurückgegeben", User.AccountName(), id);
        TempData["Message"] = "Zur Überarbeitung zurückgegeben. Der Kommentar steht über dem Artikel.";
        return Redirect($"/admin/artikel/{id}");
    }

    /// <summary>Why a review decision cannot be taken on this article with this comment; null when it can.</summary>
    private IActionResult? RefuseReview(bool commentRequired)
    {
        if (Article is null)
        {
            return NotFound(); // a new article has nothing to review
        }

        if (Article.Status != ArticleStatus.InReview)
        {
            Problems.Add("review", "Dieser Artikel wartet nicht auf Prüfung.");
        }
        else if (commentRequired && string.IsNullOrWhiteSpace(ReviewComment))
        {
            Problems.Add("review-comment", "Bitte kurz schreiben, was zu überarbeiten ist.");
        }
        else if (ReviewComment is { Length: > MaxReviewCommentLength })
        {
            Problems.Add("review-comment", $"Der Kommentar ist zu lang ({ReviewComment.Length} Zeichen, höchstens {MaxReviewCommentLength}).");
        }
        else if (ReviewComment is not null && ReviewComment.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            Problems.Add("review-comment", "Der Kommentar enthält unsichtbare Steuerzeichen; bitte neu eintippen.");
        }

        return Problems.Any ? Invalid() : null;
    }

    public async Task<IActionResult> OnPostDraftAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        if (IsLive && !Confirmed)
        {
            // The editor's text stays in the form; the page asks, and the confirming button saves it as a draft.
            Confirming = "unpublish";
            return Page();
        }

        return await SaveAsync(id, PublishIntent.Draft, cancellationToken);
    }

    /// <summary>Without JavaScript: the picture chosen in the picker goes into the lead-image fields; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPickImageAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        var file = PickedImage?.StartsWith(ImageStore.UrlPrefix, StringComparison.Ordinal) == true ? PickedImage[ImageStore.UrlPrefix.Length..] : null;
        if (file is null || await library.FindAsync(file, cancellationToken) is not { } picture)
        {
            Problems.Add("image", "Bitte zuerst ein Bild aus der Bibliothek auswählen.");
            return Invalid();
        }

        // The words of the library fill only what the editor has not written.
        Fields.Image = picture.Url;
        Fields.ImageAlt = string.IsNullOrWhiteSpace(Fields.ImageAlt) ? picture.Alt : Fields.ImageAlt;
        Fields.ImageCaption = string.IsNullOrWhiteSpace(Fields.ImageCaption) ? picture.Caption : Fields.ImageCaption;
        Fields.ImageCredit = string.IsNullOrWhiteSpace(Fields.ImageCredit) ? picture.Credit : Fields.ImageCredit;
        foreach (var key in (string[])["Fields.Image", "Fields.ImageAlt", "Fields.ImageCaption", "Fields.ImageCredit"])
        {
            ModelState.Remove(key);
        }

        return Page();
    }

    /// <summary>Without JavaScript: the picker searches the library; the form stays as typed.</summary>
    public async Task<IActionResult> OnPostLeadImagesAsync(long? id, CancellationToken cancellationToken) =>
        id is not null && !await LoadAsync(id.Value, cancellationToken) ? NotFound() : Page();

    /// <summary>Ctrl+S: saves without changing visibility (a new article becomes a draft, a live one stays live).</summary>
    public Task<IActionResult> OnPostSaveAsync(long? id, CancellationToken cancellationToken) =>
        SaveAsync(id, PublishIntent.Keep, cancellationToken);

    /// <summary>The preview below the form, for a browser without JavaScript.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        Preview = Render();
        return Problems.Any ? Invalid() : Page();
    }

    /// <summary>The preview beside the text, fetched by the editor's script while the editor types.</summary>
    public async Task<IActionResult> OnPostLivePreviewAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        var preview = Render();
        if (Problems.Any)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Partial("_EditorPreview", new EditorPreviewPane(preview, Problems));
    }

    public async Task<IActionResult> OnPostImageAsync(long? id, IFormFile? image, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        if (image is null || image.Length == 0)
        {
            Problems.Add("image-upload", "Bitte zuerst eine Bilddatei auswählen.");
            return Invalid();
        }

        if (image.Length > images.MaxBytes)
        {
            Problems.Add("image-upload", $"Das Bild ist zu groß ({GermanFormat.Size(image.Length)}, höchstens {GermanFormat.Size(images.MaxBytes)}).");
            return Invalid();
        }

        try
        {
            await using var stream = image.OpenReadStream();
            var stored = await images.SaveAsync(stream, cancellationToken);
            ImageUrl = $"{ArticleImages.UrlPath}/{stored.FileName}";
            ImageMarkdown = $"![Bildbeschreibung]({ImageUrl})";
            logger.LogInformation("{Account} hat das Bild {Image} hochgeladen ({Bytes} Bytes)", User.AccountName(), stored.FileName, stored.Length);
            return Page();
        }
        catch (ImageRejectedException e)
        {
            Problems.Add("image-upload", e.Message);
            return Invalid();
        }
    }

    [EditorsOnly]
    public async Task<IActionResult> OnPostTrashAsync(long id, CancellationToken cancellationToken)
    {
        if (!Confirmed)
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            Show(EditorForm.FromSource(Article!.Markdown));
            Revision = Article.Revision;
            Confirming = "trash";
            return Page();
        }

        return await SetTrashedAsync(id, trashed: true, "Der Artikel liegt im Papierkorb und ist nicht mehr öffentlich. Er lässt sich jederzeit wiederherstellen.", cancellationToken);
    }

    [EditorsOnly]
    public Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken cancellationToken) =>
        SetTrashedAsync(id, trashed: false, "Der Artikel ist wiederhergestellt und hat wieder seinen vorherigen Status.", cancellationToken);

    private async Task<IActionResult> SetTrashedAsync(long id, bool trashed, string message, CancellationToken cancellationToken)
    {
        if (!await articles.SetTrashedAsync(id, trashed, User.AccountName(), cancellationToken))
        {
            return NotFound();
        }

        logger.LogInformation("{Account} hat Artikel {ArticleId} {Action}", User.AccountName(), id, trashed ? "in den Papierkorb gelegt" : "aus dem Papierkorb geholt");
        TempData["Message"] = message;
        return Redirect($"/admin/artikel/{id}");
    }

    private async Task<IActionResult> SaveAsync(long? id, PublishIntent intent, CancellationToken cancellationToken)
    {
        var written = await WriteAsync(id, intent, cancellationToken);
        return written is null ? Page() : Redirect($"/admin/artikel/{written.ArticleId}");
    }

    /// <summary>
    /// Saves the form; null when it was refused, with the problems recorded and the status set, so that the form
    /// shows again with the editor's text.
    /// </summary>
    private async Task<ArticleWriteResult?> WriteAsync(long? id, PublishIntent intent, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            var (_, content) = drafts.Compose(Article?.Markdown, Fields.ToFields(), Body ?? "", intent, now, Article?.PublishedAt, Notice);
            var origin = new ArticleOrigin(RevisionOrigin.Editor, User.AccountName(), SourceKey: null);

            // A new name that looks like a known author is saved as typed, with a warning naming the close one (decision 0021).
            var lookalikes = new AuthorLookalikes(Choices.Authors).WarningsFor(content.AuthorNames);
            var written = id is null
                ? await articles.CreateAsync(content, origin, cancellationToken)
                : await articles.UpdateAsync(id.Value, Revision, content, origin, cancellationToken);

            logger.LogInformation("{Account} hat Artikel {ArticleId} gespeichert ({Kind}, Version {Revision}, {Intent}, Korrektur: {Corrected})",
                User.AccountName(), written.ArticleId, written.Kind, written.Revision, intent, !string.IsNullOrWhiteSpace(Correction));
            TempData["Message"] = (written.Kind == ArticleWriteKind.Unchanged
                ? "Keine Änderungen – es wurde nichts gespeichert."
                : Outcome(content, written, now))
                + (Article?.Status == ArticleStatus.Trashed ? " Der Artikel liegt weiter im Papierkorb und bleibt verborgen, bis er wiederhergestellt wird." : "")
                + string.Concat(lookalikes.Select(w => " Warnung: " + w));
            // What was autosaved is in the saved version now (or was given up for it).
            await autosaves.DeleteAsync(User.AccountName(), written.ArticleId, CancellationToken.None);
            if (id is null)
            {
                await autosaves.DeleteAsync(User.AccountName(), 0, CancellationToken.None);
            }

            return written;
        }
        catch (ArticleFormatException e)
        {
            Problems.Add(e, EditorInputs.Of);
        }
        catch (ArticleTooLargeException e)
        {
            Problems.Add(EditorInputs.Body, e.Message);
        }
        catch (ArticleConflictException e)
        {
            // An unknown Ressort is the field's error; a slug or feed id taken concerns the article as a whole.
            Problems.Add(e.Field == "ressort" ? "ressort" : e.Field == "slug" ? "slug" : null, e.Message);
        }
        catch (ArticleConcurrencyException e)
        {
            // The editor's text stays in the form; saving again now replaces the other version, which stays a revision.
            IsConflict = true;
            Problems.Add(null, $"Der Artikel wurde inzwischen von {e.ChangedBy} geändert (Version {e.CurrentRevision}, {GermanFormat.DateTime(e.ChangedAt)}). " +
                    "Ihre Fassung wurde nicht gespeichert und steht unten. Bitte mit der aktuellen Fassung vergleichen; " +
                    $"erneutes Speichern ersetzt Version {e.CurrentRevision}, die in den Versionen erhalten bleibt.");
            Revision = e.CurrentRevision;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return null;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return null;
    }

    /// <summary>The article as it would be saved now, or null with the problems recorded.</summary>
    private EditorPreview? Render()
    {
        // Rendering cannot be stopped once begun (it is bounded by MarkdownBudget); at least it does not begin for
        // an editor who has gone.
        HttpContext.RequestAborted.ThrowIfCancellationRequested();
        try
        {
            var (_, content) = drafts.Compose(Article?.Markdown, Fields.ToFields(), Body ?? "", PublishIntent.Keep, clock.GetUtcNow(), Article?.PublishedAt, Notice);
            return EditorPreview.Of(content, clock.GetUtcNow());
        }
        catch (ArticleFormatException e)
        {
            Problems.Add(e, EditorInputs.Of);
        }
        catch (ArticleTooLargeException e)
        {
            Problems.Add(EditorInputs.Body, e.Message);
        }

        return null;
    }

    private static string Outcome(ArticleContent content, ArticleWriteResult written, DateTimeOffset now)
    {
        if (content.IsDraft)
        {
            return $"Als Entwurf gespeichert (Version {written.Revision}). Der Artikel ist nicht öffentlich.";
        }

        if (content.PublishedAt > now)
        {
            return $"Geplant (Version {written.Revision}): erscheint am {GermanFormat.DateTime(content.PublishedAt.Value)} unter /artikel/{written.Slug}.";
        }

        var published = $"Veröffentlicht (Version {written.Revision}) unter /artikel/{written.Slug}.";

        // The draft stamps an update with this save's second: then readers are told, and so is the editor.
        if (content.UpdatedAt is not { } updated || updated > now || now - updated >= TimeSpan.FromSeconds(1))
        {
            return published;
        }

        return content.Corrections.Count > 0 && content.Corrections[^1].At == updated
            ? published + " Die Korrektur steht unter dem Artikel und auf /korrekturen."
            : published + $" Leser sehen „Aktualisiert am {GermanFormat.DateTime(updated)}“.";
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (Article?.Id == id)
        {
            return true; // loaded before the handler ran
        }

        ArticleId = id;
        Article = await editing.FindForEditingAsync(id, cancellationToken);
        return Article is not null;
    }

    private void Show(EditorForm form)
    {
        ModelState.Clear();
        Fields = ArticleFieldsForm.From(form.Fields);
        Body = form.Body;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
