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

    // The code comes from the route, not from a handler parameter: binding parameters would read the form of a
    // re-executed POST, and a form too large to read (the 413 case) would fail a second time here.
    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        var statusCode = int.TryParse(RouteData.Values["statusCode"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0;
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;

        // Asked for directly, /fehler/123 is just a page that does not exist.
        Code = reExecuted && statusCode is >= 400 and <= 599 ? statusCode : StatusCodes.Status404NotFound;
        (Heading, Explanation) = Code switch
        {
            404 => ("Seite nicht gefunden", "Die gesuchte Seite gibt es nicht oder nicht mehr. Vielleicht hilft ein Blick auf die Startseite."),
            400 => ("Ungültige Anfrage", "Die Anfrage enthält einen ungültigen Wert, zum Beispiel eine Seitenzahl, die keine positive Zahl ist, "
                + "oder ein Formular ohne gültiges Sicherheitsmerkmal. Bitte die Seite neu laden und erneut senden; es wurde nichts gespeichert."),
            403 => ("Kein Zugriff", "Ihr Konto darf diese Seite nicht öffnen. Konten verwalten nur Administratoren."),
            405 => ("Nicht erlaubt", "Diese Aktion ist für diese Adresse nicht vorgesehen."),
            413 => ("Zu große Datenmenge", "Die gesendeten Dateien sind zusammen zu groß. Bitte weniger oder kleinere Dateien auf einmal hochladen."),
            429 => ("Zu viele Anfragen", "Bitte warten Sie einige Minuten und versuchen Sie es dann erneut."),
            >= 500 => ("Ein Fehler ist aufgetreten", "Das hätte nicht passieren dürfen. Bitte versuchen Sie es in einigen Minuten noch einmal."),
            _ => ("Anfrage nicht möglich", "Diese Anfrage kann nicht beantwortet werden."),
        };
        Response.StatusCode = Code;
        return Page();
    }
}
