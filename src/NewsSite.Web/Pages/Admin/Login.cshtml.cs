using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Web.Accounts;
using NewsSite.Web.Hardening;
using NewsSite.Core.Audit;
using NewsSite.Core.Accounts;

namespace NewsSite.Web.Pages.Admin;

/// <summary>
/// The one open page of the admin area. An unknown name and a wrong password get the same answer after the same
/// work; repeated failures are refused with 429 by <see cref="LoginThrottle"/>, which counts them per name and
/// address, so that failures from elsewhere never keep the owner out.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RequestRateLimits.LoginPolicy)]
public sealed class LoginModel(
    AccountService accounts, AdminSessions sessions, LoginThrottle throttle, IAuditLog audit, ILogger<LoginModel> logger) : PageModel
{
    public const string Failed = "Name oder Passwort ist falsch.";

    public string? Name { get; private set; }

    public string ReturnUrl { get; private set; } = "/admin";

    public string? Error { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = LocalOrAdmin(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? name, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        Name = name?.Trim();
        ReturnUrl = LocalOrAdmin(returnUrl);
        var address = LoginThrottle.ClientAddress(HttpContext);
        var accountName = (Name ?? "")[..Math.Min(Name?.Length ?? 0, 100)];

        if (await throttle.AdmitAsync(accountName, address) is { } wait)
        {
            logger.LogWarning("Anmeldung für {Account} von {Address} gesperrt, noch {Seconds} s", accountName, address, (int)wait.TotalSeconds);
            Error = $"Zu viele fehlgeschlagene Anmeldeversuche. Bitte in {LoginThrottle.Refuse(Response, wait)} Minuten erneut versuchen.";
            return Page();
        }

        var account = await accounts.VerifyAsync(accountName, password, cancellationToken);
        if (account is null || !await sessions.StartAsync(HttpContext, account))
        {
            await throttle.RecordFailureAsync(accountName, address);
            logger.LogWarning("Anmeldung fehlgeschlagen für {Account} von {Address}", accountName, address);
            await audit.RecordAsync(new AuditEvent(AccountName.Normalize(accountName) ?? accountName, AuditAction.LoginFailed, Address: address), CancellationToken.None);
            Error = Failed;
            return Page();
        }

        await throttle.RecordSuccessAsync(accountName, address);
        logger.LogInformation("{Account} hat sich angemeldet (von {Address})", account.Name, address);
        await audit.RecordAsync(new AuditEvent(account.Name, AuditAction.Login, Address: address), CancellationToken.None);
        return LocalRedirect(ReturnUrl);
    }

    // Only paths on this site: "//evil.example" and "https://evil.example" fall back to the admin's start page.
    private string LocalOrAdmin(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/admin";
}
