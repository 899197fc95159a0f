using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;

namespace NewsSite.Web.Accounts;

/// <summary>
/// A page handler only editors and admins may run (publish, schedule, unpublish, trash, review decisions). Razor Pages
/// authorize whole pages, not handlers: <see cref="HandlerRoles"/> reads this attribute on the handler the request
/// selected and answers 403 for anyone else, on the server, whatever a form showed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EditorsOnlyAttribute : Attribute;

/// <summary>Enforces <see cref="EditorsOnlyAttribute"/> for every page of the admin (registered in <see cref="AdminArea"/>).</summary>
public sealed class HandlerRoles : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var editorsOnly = context.HandlerMethod?.MethodInfo.IsDefined(typeof(EditorsOnlyAttribute), inherit: true) == true;
        if (editorsOnly && !context.HttpContext.User.MayEdit())
        {
            context.Result = new ForbidResult();
            return;
        }

        await next();
    }
}

/// <summary>Which articles an account may open and change (decision 0017).</summary>
public static class ArticleAccess
{
    /// <summary>
    /// Editors and admins: every article. A contributor: the articles they began, while those are drafts (in review or
    /// returned included); once an editor has published, scheduled or trashed one, it is the editors' alone.
    /// </summary>
    public static bool MayWorkOn(this ClaimsPrincipal user, EditableArticle article)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(article);
        return user.MayEdit()
            || (string.Equals(article.Owner, user.AccountName(), StringComparison.Ordinal)
                && article.Status is ArticleStatus.Draft or ArticleStatus.InReview);
    }

    /// <summary>The articles a contributor's list shows: their own. Null (everyone's) for editors.</summary>
    public static string? ListOwner(this ClaimsPrincipal user) => user.MayEdit() ? null : user.AccountName();

    /// <summary>A contributor: writes and submits, never publishes.</summary>
    public static bool IsContributor(this ClaimsPrincipal user) => user.Role() == UserRole.Contributor;
}
