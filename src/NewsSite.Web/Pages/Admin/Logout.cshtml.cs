using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin;

/// <summary>
/// Logout is a POST with an antiforgery token; a GET (a link, an image tag elsewhere) only asks. It ends the session
/// on the server, so that a copy of the cookie opens nothing afterwards.
/// </summary>
public sealed class LogoutModel(AdminSessions sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await sessions.EndAsync(HttpContext);
        return Redirect("/");
    }
}
