using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Core.Audit;

namespace NewsSite.Web.Pages.Admin;

/// <summary>
/// One's own password and sessions. Changing the password ends every session of the account and starts a new one for
/// this browser; the list shows where the account is signed in, and one button ends all other sessions.
/// </summary>
public sealed class AccountModel(
    AccountService accounts, AdminSessions sessions, LoginThrottle throttle, IAuditLog audit, ILogger<AccountModel> logger) : PageModel
{
    public string? Error { get; private set; }

    public IReadOnlyList<SessionInfo> Sessions { get; private set; } = [];

    public string? CurrentSession { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadSessionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? current, string? password, string? repeat, CancellationToken cancellationToken)
    {
        var name = User.AccountName();
        var address = LoginThrottle.ClientAddress(HttpContext);

        // A borrowed session must not become a way to guess the password: same limit as the login.
        if (await throttle.AdmitAsync(name, address) is { } wait)
        {
            Error = $"Zu viele falsche Passwörter. Bitte in {LoginThrottle.Refuse(Response, wait)} Minuten erneut versuchen.";
            await LoadSessionsAsync(cancellationToken);
            return Page();
        }

        if (await accounts.VerifyAsync(name, current, cancellationToken) is null)
        {
            await throttle.RecordFailureAsync(name, address);
            return await InvalidAsync("Das bisherige Passwort stimmt nicht.", cancellationToken);
        }

        if (password != repeat)
        {
            return await InvalidAsync("Die beiden neuen Passwörter stimmen nicht überein.", cancellationToken);
        }

        try
        {
            await accounts.ChangePasswordAsync(name, password ?? "", cancellationToken);
            await audit.RecordAsync(new AuditEvent(name, AuditAction.PasswordChanged, Subject: name,
                Address: LoginThrottle.ClientAddress(HttpContext)), CancellationToken.None);
        }
        catch (AccountInputException e)
        {
            return await InvalidAsync(e.Message, cancellationToken);
        }

        // The change ended every session of the account, this one too; this browser gets a new one at once.
        if (await accounts.FindByNameAsync(name, cancellationToken) is not { } account || !await sessions.StartAsync(HttpContext, account))
        {
            // Removed by an admin in the same moment: nothing to stay signed in to.
            return Redirect(AdminAuthentication.LoginPath);
        }

        logger.LogInformation("{Account} hat das Passwort geändert; alle anderen Sitzungen sind beendet", name);
        TempData["Message"] = "Das Passwort ist geändert. Andere Sitzungen dieses Kontos sind beendet.";
        return Redirect("/admin/konto");
    }

    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        var ended = await sessions.EndOthersAsync(HttpContext);
        TempData["Message"] = ended == 1 ? "Eine andere Sitzung ist beendet." : $"{ended} andere Sitzungen sind beendet.";
        return Redirect("/admin/konto");
    }

    private async Task LoadSessionsAsync(CancellationToken cancellationToken)
    {
        Sessions = await sessions.ListAsync(User, cancellationToken);
        CurrentSession = AdminSessions.CurrentIdHash(User);
    }

    private async Task<PageResult> InvalidAsync(string message, CancellationToken cancellationToken)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadSessionsAsync(cancellationToken);
        return Page();
    }
}
