using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Web.Errors;
using NewsSite.Web.Hardening;

namespace NewsSite.Web.Accounts;

/// <summary>
/// Access to /admin is decided here, for whole folders, never page by page: a page added to Pages/Admin later is
/// protected without anyone remembering to. Only the login page is open. Every account may enter (contributors write
/// their own drafts); editors' folders and pages, and the handlers marked <see cref="EditorsOnlyAttribute"/>, refuse
/// contributors; admins' folders refuse editors too (decision 0017).
/// </summary>
public static class AdminArea
{
    /// <summary>Whether a request is for the admin (its pages, scripts' endpoints): the only place scripts run.</summary>
    public static bool Owns(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);

    public static void Conventions(RazorPagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Conventions.AuthorizeFolder("/Admin", AdminPolicies.Writer);
        options.Conventions.AuthorizeFolder("/Admin/Authors", AdminPolicies.Editor);
        options.Conventions.AuthorizeFolder("/Admin/Review", AdminPolicies.Editor);
        options.Conventions.AuthorizeFolder("/Admin/Tags", AdminPolicies.Editor);
        options.Conventions.AuthorizePage("/Admin/Articles/Upload", AdminPolicies.Editor);
        options.Conventions.AuthorizePage("/Admin/Articles/PreviewLinks", AdminPolicies.Editor);
        options.Conventions.AuthorizeFolder("/Admin/Accounts", AdminPolicies.Admin);
        options.Conventions.AuthorizeFolder("/Admin/Audit", AdminPolicies.Admin);
        options.Conventions.AuthorizeFolder("/Admin/SitePages", AdminPolicies.Admin);
        options.Conventions.AuthorizeFolder("/Admin/Ressorts", AdminPolicies.Admin);
        options.Conventions.AllowAnonymousToPage("/Admin/Login");

        // Pages behind a login must not stay in a shared or back-button cache after logout.
        options.Conventions.AddFolderApplicationModelConvention("/Admin", model =>
            model.Filters.Add(new ResponseCacheAttribute { NoStore = true, Location = ResponseCacheLocation.None }));
        options.Conventions.AddPageRoute("/Admin/Articles/Edit", "/admin/artikel/neu");
        options.Conventions.ConfigureFilter(new TypeFilterAttribute(typeof(AntiforgeryFailurePages)));
        options.Conventions.ConfigureFilter(new UnknownPostHandlers());
        options.Conventions.ConfigureFilter(new HandlerRoles());
        options.Conventions.ConfigureFilter(new TypeFilterAttribute(typeof(RequestBodyLimits)) { Order = 900 });
    }
}
