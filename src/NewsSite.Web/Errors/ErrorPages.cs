namespace NewsSite.Web.Errors;

public static class ErrorPages
{
    /// <summary>
    /// Every error status gets the German error page (Pages/Errors/Status), with the status code kept. Outside
    /// Development an exception shows that page too, never a stack trace.
    /// </summary>
    public static WebApplication UseGermanErrorPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fehler/500");
        }

        app.UseStatusCodePagesWithReExecute("/fehler/{0}");
        return app;
    }
}
