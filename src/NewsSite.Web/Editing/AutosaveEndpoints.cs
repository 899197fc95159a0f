using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Web.Accounts;
using NewsSite.Web.Hosting;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Editing;

/// <summary>
/// The editor's script posts the form here every few seconds (decision 0014): the text goes into the editor's one
/// autosave of the article, never into a revision, the article, the content journal or the page cache. Every answer
/// is JSON, for a script: signed out it is 401 with a message rather than a redirect to the login page.
/// Discarding also works as a plain form post without JavaScript (303 back to the edit page).
/// </summary>
public static class AutosaveEndpoints
{
    public const string SignedOutMessage =
        "Die Sitzung ist abgelaufen. Ihr Text ist in diesem Browser gesichert. Bitte erneut anmelden.";

    // What a URL-encoded form may take per byte of text: a three-byte character is "%E2%80%93".
    private const int EncodedBytesPerByte = 3;

    public static WebApplication MapAutosave(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var articles = app.MapGroup("/admin/artikel").RequireAuthorization(AdminPolicies.Writer);
        var save = new SignedOutAnswer(SignedOutMessage);
        var discard = new SignedOutAnswer(SignedOutMessage, OnlyForJson: true);

        // Cast to Delegate: a lambda taking only the HttpContext would otherwise be a RequestDelegate, its result dropped.

        articles.MapPost("/{id:long:min(1)}/autosave", (long id, HttpContext context) => SaveAsync(context, id)).WithMetadata(save);
        articles.MapPost("/neu/autosave", (Delegate)((HttpContext context) => SaveAsync(context, 0))).WithMetadata(save);
        articles.MapPost("/{id:long:min(1)}/autosave/verwerfen", (long id, HttpContext context) => DiscardAsync(context, id)).WithMetadata(discard);
        articles.MapPost("/neu/autosave/verwerfen", (Delegate)((HttpContext context) => DiscardAsync(context, 0))).WithMetadata(discard);
        return app;
    }

    private static async Task<IResult> SaveAsync(HttpContext context, long articleId)
    {
        var services = context.RequestServices;
        var limit = services.GetRequiredService<ArticleFileLimit>();
        var cancellationToken = context.RequestAborted;
        context.Response.Headers.CacheControl = "no-store";

        var refused = await ReadFormAsync(context, EncodedBytesPerByte * limit.MaxBytes + Hardening.RequestBodyLimits.SmallFormBytes, json: true);
        if (refused is not null)
        {
            return refused;
        }

        var baseRevision = int.TryParse(context.Request.Form["Revision"], NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;
        var article = articleId == 0 ? null : await services.GetRequiredService<IEditorArticles>().FindForEditingAsync(articleId, cancellationToken);
        if (articleId != 0 && article is null)
        {
            return Error(StatusCodes.Status404NotFound, "Diesen Artikel gibt es nicht (mehr). Ihr Text ist in diesem Browser gesichert.");
        }

        if (article is not null && !context.User.MayWorkOn(article))
        {
            return Error(StatusCodes.Status403Forbidden, "Diesen Artikel darf dieses Konto nicht bearbeiten. Ihr Text ist in diesem Browser gesichert.");
        }

        var form = FormOf(context.Request.Form);
        var bytes = Bytes(form);
        if (bytes > limit.MaxBytes)
        {
            return Error(StatusCodes.Status413PayloadTooLarge,
                $"Der Text ist zu groß für die automatische Sicherung ({GermanFormat.Size(bytes)}, höchstens {GermanFormat.Size(limit.MaxBytes)}). " +
                "So ließe er sich auch nicht speichern; bitte kürzen.");
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await services.GetRequiredService<IAutosaveStore>().SaveAsync(context.User.AccountName(), articleId, baseRevision, form, now, cancellationToken);
        return Results.Json(new { savedAt = GermanFormat.MachineDate(now), savedAtText = AutosaveOffers.SavedText(now) });
    }

    private static async Task<IResult> DiscardAsync(HttpContext context, long articleId)
    {
        var json = SignedOutAnswer.AcceptsJson(context.Request);
        context.Response.Headers.CacheControl = "no-store";
        var refused = await ReadFormAsync(context, Hardening.RequestBodyLimits.SmallFormBytes, json);
        if (refused is not null)
        {
            return refused;
        }

        await context.RequestServices.GetRequiredService<IAutosaveStore>().DeleteAsync(context.User.AccountName(), articleId, context.RequestAborted);
        if (json)
        {
            return Results.Json(new { });
        }

        // 303: the browser follows with a GET of the edit page, which no longer offers the autosave.
        context.Response.Headers.Location = articleId == 0 ? "/admin/artikel/neu" : $"/admin/artikel/{articleId}";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>Reads the form within <paramref name="maxBytes"/> and checks its antiforgery token; null when both are fine.</summary>
    private static async Task<IResult?> ReadFormAsync(HttpContext context, long maxBytes, bool json)
    {
        var request = context.Request;
        var site = context.RequestServices.GetRequiredService<IOptions<NewsSiteOptions>>().Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = Math.Min(maxBytes, site.MaxRequestBytes);
        }

        if (!request.HasFormContentType)
        {
            return Refusal(json, StatusCodes.Status415UnsupportedMediaType,
                "Die automatische Sicherung erwartet die Felder des Formulars (application/x-www-form-urlencoded oder multipart/form-data).");
        }

        if (request.ContentLength > maxBytes)
        {
            return TooLarge(json);
        }

        try
        {
            await request.ReadFormAsync(context.RequestAborted);
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Refusal(json, StatusCodes.Status400BadRequest,
                "Das Formular ist abgelaufen oder unvollständig (Sicherheitsmerkmal fehlt). Bitte die Seite neu laden; Ihr Text ist in diesem Browser gesichert.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(json);
        }
        catch (InvalidDataException)
        {
            // The form's own limits (too many fields, a field too long).
            return TooLarge(json);
        }
    }

    private static IResult TooLarge(bool json) => Refusal(json, StatusCodes.Status413PayloadTooLarge,
        "Der Text ist zu groß für die automatische Sicherung. So ließe er sich auch nicht speichern; bitte kürzen.");

    /// <summary>JSON for a script; for a plain form post the status alone, which the German error page explains.</summary>
    private static IResult Refusal(bool json, int status, string message) => json ? Error(status, message) : Results.StatusCode(status);

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    private static EditorForm FormOf(IFormCollection form)
    {
        string Value(string name) => form[name].ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        return new EditorForm(
            new EditorFields(
                Value("Fields.Title"), Value("Fields.Slug"), Value("Fields.Author"), Value("Fields.Date"), Value("Fields.Tags"),
                Value("Fields.Summary"), Value("Fields.Ressort"), Value("Fields.Image"), Value("Fields.ImageAlt"),
                Value("Fields.ImageCaption"), Value("Fields.ImageCredit")),
            Value("Body"));
    }

    private static long Bytes(EditorForm form) =>
        Encoding.UTF8.GetByteCount(form.Body) + form.Fields.ByKey().Sum(f => (long)Encoding.UTF8.GetByteCount(f.Value));
}
