using Microsoft.AspNetCore.Antiforgery;
using NewsSite.Core.Data;
using NewsSite.Core.Images;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Images;

/// <summary>
/// The picture library's endpoints for the editor's script: upload one picture, search the library. Both answer JSON,
/// also when the session has ended (401, never a redirect to the login page a script cannot follow).
/// </summary>
public static class PictureEndpoints
{
    public const string UploadPath = "/admin/bilder/hochladen";
    public const string SearchPath = "/admin/bilder/suche";
    public const string SessionExpired = "Die Sitzung ist abgelaufen. Bitte erneut anmelden.";
    public const int PageSize = 24;

    public static WebApplication MapPictureLibrary(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The editor's script cannot follow a redirect to the login page: signed out, it is told so in German (401).
        var signedOut = new SignedOutAnswer(SessionExpired);
        app.MapPost(UploadPath, UploadAsync).RequireAuthorization(AdminPolicies.Writer).DisableAntiforgery().WithMetadata(signedOut);
        app.MapGet(SearchPath, SearchAsync).RequireAuthorization(AdminPolicies.Writer).WithMetadata(signedOut);
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, IAntiforgery antiforgery, ImageStore images,
        ILogger<ImageStore> logger, CancellationToken cancellationToken)
    {
        var wantsJson = SignedOutAnswer.AcceptsJson(context.Request);
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Json(new { error = "Das Formular ist abgelaufen oder ungültig. Bitte die Seite neu laden und erneut versuchen." },
                statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        var details = new PictureDetails(Text(form, "alt"), Text(form, "caption"), Text(form, "credit"));
        string? error = file is null || file.Length == 0 ? "Bitte eine Bilddatei auswählen."
            : details.Problems() is { Count: > 0 } problems ? problems[0].Message : null;
        StoredImage? stored = null;
        if (error is null)
        {
            try
            {
                await using var stream = file!.OpenReadStream();
                stored = await images.SaveAsync(stream, new PictureAbout(details.Alt, details.Caption, details.Credit,
                    Path.GetFileName(file.FileName), context.User.AccountName()), cancellationToken);
                logger.LogInformation("{Account} hat das Bild {Image} in die Bildbibliothek geladen", context.User.AccountName(), stored.FileName);
            }
            catch (ImageRejectedException e)
            {
                error = e.Message;
            }
        }

        if (!wantsJson)
        {
            return stored is null
                ? Results.Redirect("/admin/bilder?fehler=" + Uri.EscapeDataString(error!))
                : Results.Redirect("/admin/bilder/" + stored.FileName);
        }

        if (stored is null)
        {
            return Results.Json(new { error, field = "file" }, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var library = context.RequestServices.GetRequiredService<SiteStorage>().PictureLibrary;
        var picture = await library.FindAsync(stored.FileName, cancellationToken);
        return Results.Json(Shape(picture ?? new LibraryPicture(stored.FileName, stored.Width, stored.Height, stored.Length,
            details.Alt, details.Caption, details.Credit, "", null, DateTimeOffset.UtcNow)));
    }

    private static async Task<IResult> SearchAsync(string? q, int? seite, SiteStorage storage, CancellationToken cancellationToken)
    {
        var page = await storage.PictureLibrary.SearchAsync(q, seite ?? 1, PageSize, cancellationToken);
        return Results.Json(new { pictures = page.Items.Select(Shape), more = page.HasMore });
    }

    public static string Thumbnail(LibraryPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var facts = new PictureFacts(picture.FileName, picture.Width, picture.Height, Path.GetExtension(picture.FileName), picture.Bytes);
        return PictureVariants.WidthUrl(facts, PictureVariants.WidthsFor(picture.Width)[0], ".jpg");
    }

    private static object Shape(LibraryPicture p) => new
    {
        file = p.FileName, url = p.Url, width = p.Width, height = p.Height, alt = p.Alt, caption = p.Caption, credit = p.Credit,
        thumbnail = Thumbnail(p),
    };

    private static string Text(IFormCollection form, string name) => form[name].ToString().Trim();
}
