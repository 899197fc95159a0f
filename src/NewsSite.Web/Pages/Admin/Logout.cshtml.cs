using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Web.Accounts;
using NewsSite.Core.Audit;

namespace NewsSite.Web.Pages.Admin;

/// <summary>
/// Logout is a POST with an antiforgery token; a GET (a link, an image tag elsewhere) only asks. It ends the session
/// on the server, so that a copy of the cookie opens nothing afterwards.
/// </summary>
public sealed class LogoutModel(AdminSessions sessions, IAuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = User.AccountName();
        await sessions.EndAsync(HttpContext);
        if (account.Length > 0)
        {
            await audit.RecordAsync(new AuditEvent(account, AuditAction.Logout, Address: LoginThrottle.ClientAddress(HttpContext)), CancellationToken.None);
        }
        return Redirect("/");
    }
}
