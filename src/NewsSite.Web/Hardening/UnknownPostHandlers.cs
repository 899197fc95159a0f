using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace NewsSite.Web.Hardening;

/// <summary>
/// A POST naming a handler the page does not have (?handler=Gibtsnicht) would otherwise render the page without
/// running any handler, half-initialized. It is answered 404 instead: there is no such action. A GET naming a POST's
/// handler is what the login sends an editor back to after a save whose session had ended (the return address is the
/// form's action): it is redirected to the page itself, which then opens normally (and offers the unsaved text).
/// </summary>
public sealed class UnknownPostHandlers : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (context.HandlerMethod is null && !isRead)
        {
            context.Result = new NotFoundResult();
        }
        else if (isRead && request.Query.ContainsKey("handler") && context.HandlerMethod?.Name is null)
        {
            // Razor Pages falls back to the unnamed OnGet for a handler it does not know; the address still names it.
            var rest = request.Query.Where(q => !q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
            context.Result = new RedirectResult(request.PathBase + request.Path + QueryString.Create(rest).Value);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
