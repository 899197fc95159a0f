using Microsoft.AspNetCore.Diagnostics;
using NewsSite.Core.Data;

namespace NewsSite.Web.Errors;

public static class ErrorPages
{
    /// <summary>
    /// Every error status gets the German error page (Pages/Errors/Status), with the status code kept. Outside
    /// Development an exception shows that page too, never a stack trace. A database that cannot be reached (a
    /// PostgreSQL server restarting, a network gone) is 503 with Retry-After, not 500: nothing is wrong with the
    /// request, and a load balancer or a reader's browser may try again; the site recovers by itself once the
    /// database answers (the pool opens new connections).
    /// </summary>
    public static WebApplication UseGermanErrorPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/fehler/500",
                StatusCodeSelector = error => IsStorageOutage(error) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            });
        }

        app.UseStatusCodePagesWithReExecute("/fehler/{0}");
        return app;
    }

    /// <summary>The database is down or held by another writer for longer than it waits: try again later.</summary>
    public static bool IsStorageOutage(Exception? error) =>
        error is StorageException { Failure: StorageFailure.Unavailable or StorageFailure.Busy };
}
