using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin;

/// <summary>One's own password. Changing it ends every other session of the account; this one continues.</summary>
public sealed class AccountModel(AccountService accounts, LoginThrottle throttle, ILogger<AccountModel> logger) : PageModel
{
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? current, string? password, string? repeat, CancellationToken cancellationToken)
    {
        var name = User.AccountName();
        var address = LoginThrottle.ClientAddress(HttpContext);

        // A borrowed session must not become a way to guess the password: same limit as the login.
        if (throttle.RetryAfter(name, address) is { } wait)
        {
            Error = $"Zu viele falsche Passwörter. Bitte in {LoginThrottle.Refuse(Response, wait)} Minuten erneut versuchen.";
            return Page();
        }

        if (await accounts.VerifyAsync(name, current, cancellationToken) is null)
        {
            throttle.RecordFailure(name, address);
            return Invalid("Das bisherige Passwort stimmt nicht.");
        }

        if (password != repeat)
        {
            return Invalid("Die beiden neuen Passwörter stimmen nicht überein.");
        }

        try
        {
            await accounts.ChangePasswordAsync(name, password ?? "", cancellationToken);
        }
        catch (AccountInputException e)
        {
            return Invalid(e.Message);
        }

        // The stamp changed: a fresh cookie keeps this session, every other one ends at its next request.
        var account = await accounts.FindByNameAsync(name, cancellationToken);
        await AdminAuthentication.SignInAsync(HttpContext, account!);
        logger.LogInformation("{Account} hat das Passwort geändert", name);
        TempData["Message"] = "Das Passwort ist geändert. Andere Sitzungen dieses Kontos sind beendet.";
        return Redirect("/admin/konto");
    }

    private PageResult Invalid(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
