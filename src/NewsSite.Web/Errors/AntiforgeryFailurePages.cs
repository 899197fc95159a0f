using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using NewsSite.Web.Hardening;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Errors;

/// <summary>
/// A form post whose antiforgery token is missing or wrong changes nothing and gets the German error page with 400.
/// The token is read from the form, so a body too large to read fails here too; that case answers 413, which
/// says what went wrong. Replaces the framework's bare 400.
/// </summary>
public sealed class AntiforgeryFailurePages(IOptions<NewsSiteOptions> options) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            var length = context.HttpContext.Request.ContentLength;
            var limit = RequestBodyLimits.CurrentLimit(context.HttpContext) ?? options.Value.MaxRequestBytes;
            context.Result = new StatusCodeResult(length > limit
                ? StatusCodes.Status413PayloadTooLarge
                : StatusCodes.Status400BadRequest);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
