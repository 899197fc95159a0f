using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace NewsSite.Web.Caching;

/// <summary>Where a cached page's tags come from, which decides what evicts it.</summary>
public enum PageCacheScope
{
    /// <summary>Lists or counts the whole site: tagged <see cref="PageCacheTags.Site"/> by its declaration.</summary>
    SiteWide,

    /// <summary>Shows one article, tag or author: its handler tags it with what it shows, which only the handler knows.</summary>
    OwnTags,
}

/// <summary>
/// A readers' page kept in the output cache (policy <see cref="PageCaching.PolicyName"/>) that answers conditional
/// GETs with 304. On a page model for Razor Pages (<see cref="PublicPageCachingConvention"/> reads it); minimal API
/// endpoints declare the same with <see cref="PublicPageCaching.CacheAsPublicPage"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CachedPublicPageAttribute(PageCacheScope scope) : Attribute
{
    public PageCacheScope Scope { get; } = scope;

    /// <summary>The page reads ?seite= or ?q=, which then key its copies; other pages ignore every query string.</summary>
    public bool Paged { get; init; }
}

/// <summary>
/// A readers' page or endpoint that must not enter the output cache, and why: so that a page without any caching
/// declaration stands out as forgotten (RoutedPageCachingTests).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KeptOutOfPageCacheAttribute : Attribute
{
    public KeptOutOfPageCacheAttribute(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Reason = reason;
    }

    public string Reason { get; }
}

/// <summary>
/// Applies each page model's <see cref="CachedPublicPageAttribute"/>: the output cache policy, ETag and 304, and the
/// site tag for site-wide pages. Pages without it are left alone; the admin never declares it.
/// </summary>
public sealed class PublicPageCachingConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var declaration = model.HandlerTypeAttributes.OfType<CachedPublicPageAttribute>().SingleOrDefault();
        if (declaration is null)
        {
            return;
        }

        model.EndpointMetadata.Add(new OutputCacheAttribute
        {
            PolicyName = declaration.Paged ? PageCaching.PolicyName : PageCaching.UnpagedPolicyName,
        });
        model.Filters.Add(new ServiceFilterAttribute(typeof(ConditionalPageFilter)));
        if (declaration.Scope == PageCacheScope.SiteWide)
        {
            model.Filters.Add(new SiteWidePageFilter());
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

/// <summary>The same declarations for minimal API endpoints (feeds, sitemaps, robots.txt), made where they are mapped.</summary>
public static class PublicPageCaching
{
    /// <summary>
    /// Into the output cache under <paramref name="policyName"/>. The endpoint answers conditional GETs itself
    /// (<see cref="ConditionalGet.ServeAsync"/>); site-wide ones are tagged here, before their handler runs.
    /// </summary>
    public static RouteHandlerBuilder CacheAsPublicPage(
        this RouteHandlerBuilder endpoint, PageCacheScope scope, string policyName = PageCaching.UnpagedPolicyName)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.CacheOutput(policyName).WithMetadata(new CachedPublicPageAttribute(scope));
        if (scope == PageCacheScope.SiteWide)
        {
            endpoint.AddEndpointFilter((context, next) =>
            {
                context.HttpContext.TagResponse(PageCacheTags.Site);
                return next(context);
            });
        }

        return endpoint;
    }

    public static RouteHandlerBuilder KeepOutOfPageCache(this RouteHandlerBuilder endpoint, string reason)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.WithMetadata(new KeptOutOfPageCacheAttribute(reason));
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
