using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace NewsSite.Web.Caching;

/// <summary>
/// The readers' pages, decided here for all of them: each is kept in the output cache and answers conditional GETs
/// with 304. Pages that show the whole site are tagged <see cref="PageCacheTags.Site"/> here; article, tag and author
/// pages tag themselves with what they show, which only their handlers know.
/// </summary>
public static class PublicPages
{
    private static readonly string[] SiteWide = ["/Index", "/Archive/Index", "/Archive/Month", "/Search/Search", "/Tags/Index"];

    private static readonly string[] Own = ["/Articles/Article", "/Tags/Tag", "/Authors/Author"];

    public static void Conventions(RazorPagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var page in SiteWide.Concat(Own))
        {
            options.Conventions.AddPageApplicationModelConvention(page, model =>
            {
                model.EndpointMetadata.Add(new OutputCacheAttribute { PolicyName = PageCaching.PolicyName });
                model.Filters.Add(new ServiceFilterAttribute(typeof(ConditionalPageFilter)));
                if (SiteWide.Contains(page, StringComparer.Ordinal))
                {
                    model.Filters.Add(new SiteWidePageFilter());
                }
            });
        }
    }

    private sealed class SiteWidePageFilter : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context)
        {
        }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
            context.HttpContext.TagResponse(PageCacheTags.Site);

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }
}

/// <summary>
/// ETag and Last-Modified on every public page, and 304 when the reader's copy is current, decided from the content
/// version before the handler reads anything. In front of it, the output cache answers most conditional requests
/// itself from the stored validators; this filter serves the ones it has not stored.
/// </summary>
public sealed class ConditionalPageFilter(ContentValidators validators) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await next();
            return;
        }

        var version = await validators.CurrentAsync(http.RequestAborted);
        var current = validators.For(version, Representation(http.Request));
        if (ConditionalGet.IsNotModified(http.Request, current))
        {
            ConditionalGet.SetValidators(http.Response, current);
            context.Result = new StatusCodeResult(StatusCodes.Status304NotModified);
            return;
        }

        var executed = await next();
        if (executed.Result is PageResult)
        {
            ConditionalGet.SetValidators(http.Response, current);
        }
    }

    // The page and the parameters it reads; the output cache keys on the same ones.
    private static string Representation(HttpRequest request) =>
        $"{request.Path}?seite={request.Query["seite"]}&q={request.Query["q"]}";
}
