using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Core.Images;
using NewsSite.Web.Accounts;
using NewsSite.Web.Hardening;
using NewsSite.Web.Images;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Pages.Admin.Articles;

/// <summary>The form fields as posted; empty inputs arrive as null.</summary>
public sealed class FieldsForm
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Author { get; set; }
    public string? Date { get; set; }
    public string? Tags { get; set; }
    public string? Summary { get; set; }
    public string? Ressort { get; set; }

    public static FieldsForm From(EditorFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new FieldsForm
        {
            Title = fields.Title,
            Slug = fields.Slug,
            Author = fields.Author,
            Date = fields.Date,
            Tags = fields.Tags,
            Summary = fields.Summary,
            Ressort = fields.Ressort,
        };
    }

    public EditorFields ToFields() => new(Title ?? "", Slug ?? "", Author ?? "", Date ?? "", Tags ?? "", Summary ?? "", Ressort ?? "");
}

/// <summary>
/// Write a new article or edit one: the Markdown source with its front matter, the usual fields beside it, a
/// preview rendered by the public page's own partial, and the buttons that decide visibility. Every save goes
/// through the import's parser and becomes a revision; a save against an outdated revision is refused and the
/// editor's text is shown again, so no update is lost either way.
/// </summary>
[LargeRequestBody]
public sealed class EditModel(
    IArticleStore articles, IEditorArticles editing, ArticleDraft drafts, ImageStore images, TimeProvider clock, ILogger<EditModel> logger,
    Core.Ressorts.IRessortStore ressorts) : PageModel
{
    /// <summary>The Ressorts to choose from, for the field's suggestions and hint.</summary>
    public IReadOnlyList<string> RessortNames { get; private set; } = [];

    // Before every handler: each of them can end in the form.
    public override async Task OnPageHandlerExecutionAsync(
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        RessortNames = [.. (await ressorts.ListAsync(HttpContext.RequestAborted)).Select(r => r.Name)];
        await next();
    }

    public const string NewArticleTemplate =
        """
        ---
        title: ""
        tags: []
        ---

        Der erste Absatz erscheint als Anreißer auf der Startseite.

        ## Zwischenüberschrift

        Weiterer Text …
        """;

    [BindProperty]
    public string? Markdown { get; set; }

    [BindProperty]
    public FieldsForm Fields { get; set; } = new();

    /// <summary>The fields as the form was opened; a field counts as changed only when it differs from these.</summary>
    [BindProperty]
    public FieldsForm Original { get; set; } = new();

    /// <summary>The revision the editor started from.</summary>
    [BindProperty]
    public int Revision { get; set; }

    public long? ArticleId { get; private set; }

    public EditableArticle? Article { get; private set; }

    public ArticleView? Preview { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The input the error concerns ("markdown", "date", …): the message is shown beside it too.</summary>
    public string? ErrorField { get; private set; }

    /// <summary>The error, for the input with this id; null for every other input.</summary>
    public string? ErrorFor(string field) => ErrorField == field ? Error : null;

    /// <summary>aria-invalid for an input: "true" beside its error, else no attribute.</summary>
    public string? InvalidFlag(string field) => ErrorFor(field) is null ? null : "true";

    /// <summary>aria-describedby for an input: its hint, and its error when it has one; no attribute when neither.</summary>
    public string? DescribedBy(string field, string? hint = null) =>
        string.Join(' ', new[] { hint, ErrorFor(field) is null ? null : field + "-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;

    public bool IsConflict { get; private set; }

    public string? ImageMarkdown { get; private set; }

    public string? ImageUrl { get; private set; }

    public string ActionUrl(string handler) =>
        (ArticleId is { } id ? $"/admin/artikel/{id}" : "/admin/artikel/neu") + "?handler=" + handler;

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            Markdown = NewArticleTemplate;
            Fields = FieldsForm.From(EditorFields.From(Markdown));
            Original = FieldsForm.From(EditorFields.From(Markdown));
            return Page();
        }

        if (!await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        Markdown = Article!.Markdown;
        Revision = Article.Revision;
        Fields = FieldsForm.From(EditorFields.From(Markdown));
        Original = FieldsForm.From(EditorFields.From(Markdown));
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(long? id, CancellationToken cancellationToken) =>
        SaveAsync(id, PublishIntent.Publish, cancellationToken);

    public Task<IActionResult> OnPostDraftAsync(long? id, CancellationToken cancellationToken) =>
        SaveAsync(id, PublishIntent.Draft, cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        // Rendering cannot be stopped once begun (it is bounded by MarkdownBudget); at least it does not begin for
        // an editor who has gone.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var (text, content) = drafts.Compose(Markdown ?? "", Fields.ToFields(), Original.ToFields(), PublishIntent.Keep, clock.GetUtcNow());
            Preview = ArticleView.Preview(content, clock.GetUtcNow());
            ShowComposed(text);
            return Page();
        }
        catch (ArticleFormatException e)
        {
            return Invalid(e.Message, FieldOf(e));
        }
        catch (ArticleTooLargeException e)
        {
            return Invalid(e.Message, "markdown");
        }
    }

    public async Task<IActionResult> OnPostImageAsync(long? id, IFormFile? image, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        if (image is null || image.Length == 0)
        {
            return Invalid("Bitte zuerst eine Bilddatei auswählen.");
        }

        if (image.Length > images.MaxBytes)
        {
            return Invalid($"Das Bild ist zu groß ({GermanFormat.Size(image.Length)}, höchstens {GermanFormat.Size(images.MaxBytes)}).");
        }

        try
        {
            await using var stream = image.OpenReadStream();
            var stored = await images.SaveAsync(stream, cancellationToken);
            ImageUrl = $"{ArticleImages.UrlPath}/{stored.FileName}";
            var description = Path.GetFileNameWithoutExtension(image.FileName).Replace(']', ' ').Replace('[', ' ').Trim();
            ImageMarkdown = $"![{(description.Length == 0 ? "Bildbeschreibung" : description)}]({ImageUrl})";
            logger.LogInformation("{Account} hat das Bild {Image} hochgeladen ({Bytes} Bytes)", User.AccountName(), stored.FileName, stored.Length);
            return Page();
        }
        catch (ImageRejectedException e)
        {
            return Invalid(e.Message);
        }
    }

    public Task<IActionResult> OnPostTrashAsync(long id, CancellationToken cancellationToken) =>
        SetTrashedAsync(id, trashed: true, "Der Artikel liegt im Papierkorb und ist nicht mehr öffentlich. Er lässt sich jederzeit wiederherstellen.", cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken cancellationToken) =>
        SetTrashedAsync(id, trashed: false, "Der Artikel ist wiederhergestellt und hat wieder seinen vorherigen Status.", cancellationToken);

    private async Task<IActionResult> SetTrashedAsync(long id, bool trashed, string message, CancellationToken cancellationToken)
    {
        if (!await articles.SetTrashedAsync(id, trashed, cancellationToken))
        {
            return NotFound();
        }

        logger.LogInformation("{Account} hat Artikel {ArticleId} {Action}", User.AccountName(), id, trashed ? "in den Papierkorb gelegt" : "aus dem Papierkorb geholt");
        TempData["Message"] = message;
        return Redirect($"/admin/artikel/{id}");
    }

    private async Task<IActionResult> SaveAsync(long? id, PublishIntent intent, CancellationToken cancellationToken)
    {
        if (id is not null && !await LoadAsync(id.Value, cancellationToken))
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        try
        {
            var (_, content) = drafts.Compose(Markdown ?? "", Fields.ToFields(), Original.ToFields(), intent, now, Article?.PublishedAt);
            var origin = new ArticleOrigin(RevisionOrigin.Editor, User.AccountName(), SourceKey: null);
            var written = id is null
                ? await articles.CreateAsync(content, origin, cancellationToken)
                : await articles.UpdateAsync(id.Value, Revision, content, origin, cancellationToken);

            logger.LogInformation("{Account} hat Artikel {ArticleId} gespeichert ({Kind}, Version {Revision}, {Intent})",
                User.AccountName(), written.ArticleId, written.Kind, written.Revision, intent);
            TempData["Message"] = (written.Kind == ArticleWriteKind.Unchanged
                ? "Keine Änderungen – es wurde nichts gespeichert."
                : Outcome(content, written, now))
                + (Article?.Status == ArticleStatus.Trashed ? " Der Artikel liegt weiter im Papierkorb und bleibt verborgen, bis er wiederhergestellt wird." : "");
            return Redirect($"/admin/artikel/{written.ArticleId}");
        }
        catch (ArticleFormatException e)
        {
            return Invalid(e.Message, FieldOf(e));
        }
        catch (ArticleTooLargeException e)
        {
            return Invalid(e.Message, "markdown");
        }
        catch (ArticleConflictException e)
        {
            // An unknown Ressort is the field's error; a slug or feed id taken concerns the article as a whole.
            return Invalid(e.Message, e.Field == "ressort" ? "ressort" : null);
        }
        catch (ArticleConcurrencyException e)
        {
            // The editor's text stays in the form; saving again now replaces the other version, which stays a revision.
            IsConflict = true;
            Error = $"Der Artikel wurde inzwischen von {e.ChangedBy} geändert (Version {e.CurrentRevision}, {GermanFormat.DateTime(e.ChangedAt)}). " +
                    "Ihre Fassung wurde nicht gespeichert und steht unten. Bitte mit der aktuellen Fassung vergleichen; " +
                    $"erneutes Speichern ersetzt Version {e.CurrentRevision}, die in den Versionen erhalten bleibt.";
            Revision = e.CurrentRevision;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    private static string Outcome(ArticleContent content, ArticleWriteResult written, DateTimeOffset now)
    {
        if (content.IsDraft)
        {
            return $"Als Entwurf gespeichert (Version {written.Revision}). Der Artikel ist nicht öffentlich.";
        }

        return content.PublishedAt > now
            ? $"Geplant (Version {written.Revision}): erscheint am {GermanFormat.DateTime(content.PublishedAt.Value)} unter /artikel/{written.Slug}."
            : $"Veröffentlicht (Version {written.Revision}) unter /artikel/{written.Slug}.";
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        ArticleId = id;
        Article = await editing.FindForEditingAsync(id, cancellationToken);
        return Article is not null;
    }

    /// <summary>After a preview the textarea holds the source as it would be saved, fields applied.</summary>
    private void ShowComposed(string text)
    {
        ModelState.Clear();
        Markdown = text;
        Fields = FieldsForm.From(EditorFields.From(text));
        Original = FieldsForm.From(EditorFields.From(text));
    }

    /// <summary>The form has an input for these front matter fields; every other error is in the source.</summary>
    private static string FieldOf(ArticleFormatException e) =>
        e.Field is "title" or "slug" or "author" or "date" or "tags" or "summary" or "ressort" ? e.Field : "markdown";

    private PageResult Invalid(string message, string? field = null)
    {
        Error = message;
        ErrorField = field;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
