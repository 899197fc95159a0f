using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NewsSite.Web.Pages.Errors;

/// <summary>
/// The German error page for every error status (status code pages and the exception handler re-execute here).
/// Antiforgery is off so that a failed POST still gets this page instead of a second error.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public string RequestId => HttpContext.TraceIdentifier;

    public IActionResult OnGet(int statusCode) => Show(statusCode);

    public IActionResult OnPost(int statusCode) => Show(statusCode);

    private PageResult Show(int statusCode)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;

        // Asked for directly, /fehler/123 is just a page that does not exist.
        Code = reExecuted && statusCode is >= 400 and <= 599 ? statusCode : StatusCodes.Status404NotFound;
        (Heading, Explanation) = Code switch
        {
            404 => ("Seite nicht gefunden", "Die gesuchte Seite gibt es nicht oder nicht mehr. Vielleicht hilft ein Blick auf die Startseite."),
            400 => ("Ungültige Anfrage", "Die Anfrage enthält einen ungültigen Wert, zum Beispiel eine Seitenzahl, die keine positive Zahl ist."),
            405 => ("Nicht erlaubt", "Diese Aktion ist für diese Adresse nicht vorgesehen."),
            >= 500 => ("Ein Fehler ist aufgetreten", "Das hätte nicht passieren dürfen. Bitte versuchen Sie es in einigen Minuten noch einmal."),
            _ => ("Anfrage nicht möglich", "Diese Anfrage kann nicht beantwortet werden."),
        };
        Response.StatusCode = Code;
        return Page();
    }
}
