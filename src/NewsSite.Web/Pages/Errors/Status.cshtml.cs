using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Web.Caching;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Pages.Errors;

/// <summary>
/// The error page for every error status, in the site's language, (status code pages and the exception handler re-execute here).
/// Antiforgery is off so that a failed POST still gets this page instead of a second error.
/// </summary>
[KeptOutOfPageCache("Always an error status for the request that failed (re-executed here), which the output cache would not keep anyway.")]
[IgnoreAntiforgeryToken]
public sealed class StatusModel(SiteText text) : PageModel
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
        var outage = NewsSite.Web.Errors.ErrorPages.IsStorageOutage(HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Error);
        if (outage)
        {
            Code = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "30";
        }

        var key = outage ? "Storage" : Code switch
        {
            400 or 403 or 404 or 405 or 413 or 429 or 503 => Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            >= 500 => "500",
            _ => "Other",
        };
        (Heading, Explanation) = (text[$"Error{key}Heading"], text[$"Error{key}Text"]);
        Response.StatusCode = Code;
        return Page();
    }
}
