using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Core.Audit;

namespace NewsSite.Web.Pages.Admin.Accounts;

/// <summary>
/// Admins only (folder convention): list, create and remove accounts, change a role, set a new password for someone.
/// The site always keeps an admin: the last one can be neither removed nor demoted (AccountService, checked in the
/// store's write), and nobody removes their own account here, however they spell its name.
/// </summary>
public sealed class IndexModel(AccountService accounts, IAuditLog audit, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<UserAccount> Accounts { get; private set; } = [];

    /// <summary>A refusal of an action on one account, shown in that account's row.</summary>
    public string? Error { get; private set; }

    /// <summary>Where <see cref="Error"/> is shown: the stored name of the account whose row it concerns.</summary>
    public string? ErrorFor { get; private set; }

    /// <summary>The error concerns the form for a new account and is shown beside it.</summary>
    public bool ErrorForNewAccount { get; private set; }

    public string? NewName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Accounts = await accounts.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? name, string? role, string? password, CancellationToken cancellationToken)
    {
        NewName = name;
        var parsedRole = AccountService.ParseRole(role);
        if (parsedRole is null)
        {
            return await NewAccountInvalidAsync("Bitte eine Rolle wählen: Mitarbeiter, Redakteur oder Administrator.", cancellationToken);
        }

        try
        {
            var created = await accounts.CreateAsync(name ?? "", parsedRole.Value, password ?? "", cancellationToken);
            logger.LogInformation("{Admin} hat das Konto {Account} ({Role}) angelegt", User.AccountName(), created.Name, created.Role);
            await RecordAsync(AuditAction.AccountCreated, created.Name, UserRoles.Text(created.Role));
            TempData["Message"] = $"Konto „{created.Name}“ angelegt.";
            return Redirect("/admin/konten");
        }
        catch (AccountInputException e)
        {
            return await NewAccountInvalidAsync(e.Message, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostPasswordAsync(string? name, string? password, CancellationToken cancellationToken)
    {
        try
        {
            await accounts.ChangePasswordAsync(name ?? "", password ?? "", cancellationToken);
            logger.LogInformation("{Admin} hat das Passwort von {Account} neu gesetzt; alle Sitzungen des Kontos sind beendet", User.AccountName(), Stored(name));
            await RecordAsync(AuditAction.PasswordChanged, Stored(name), null);
            TempData["Message"] = $"Neues Passwort für „{Stored(name)}“ gesetzt; alle Sitzungen des Kontos sind beendet.";
            return Redirect("/admin/konten");
        }
        catch (AccountInputException e)
        {
            return await RowInvalidAsync(Stored(name) ?? "", e.Message, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostRoleAsync(string? name, string? role, CancellationToken cancellationToken)
    {
        var parsedRole = AccountService.ParseRole(role);
        if (parsedRole is null)
        {
            return await RowInvalidAsync(Stored(name) ?? "", "Bitte eine Rolle wählen: Mitarbeiter, Redakteur oder Administrator.", cancellationToken);
        }

        try
        {
            await accounts.ChangeRoleAsync(name ?? "", parsedRole.Value, cancellationToken);
            logger.LogInformation("{Admin} hat {Account} die Rolle {Role} gegeben; alle Sitzungen des Kontos sind beendet", User.AccountName(), Stored(name), parsedRole.Value);
            await RecordAsync(AuditAction.RoleChanged, Stored(name), UserRoles.Text(parsedRole.Value));
            TempData["Message"] = $"„{Stored(name)}“ ist jetzt {UserRoles.German(parsedRole.Value)}; seine Sitzungen sind beendet.";

            // Whoever changed their own role has just ended their own session too.
            return Redirect(Stored(name) == User.AccountName() ? "/admin" : "/admin/konten");
        }
        catch (AccountInputException e)
        {
            return await RowInvalidAsync(Stored(name) ?? "", e.Message, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? name, CancellationToken cancellationToken)
    {
        // Compared as stored: "ANNA" is anna's own account as much as "anna" is.
        if (Stored(name) == User.AccountName())
        {
            return await RowInvalidAsync(Stored(name) ?? "", "Das eigene Konto kann man nicht selbst löschen.", cancellationToken);
        }

        try
        {
            await accounts.RemoveAsync(name ?? "", cancellationToken);
            logger.LogInformation("{Admin} hat das Konto {Account} gelöscht; seine Sitzungen sind beendet", User.AccountName(), Stored(name));
            await RecordAsync(AuditAction.AccountRemoved, Stored(name), null);
            TempData["Message"] = $"Konto „{Stored(name)}“ gelöscht.";
            return Redirect("/admin/konten");
        }
        catch (AccountInputException e)
        {
            return await RowInvalidAsync(Stored(name) ?? "", e.Message, cancellationToken);
        }
    }

    private static string? Stored(string? name) => AccountName.Normalize(name) ?? name;

    private Task<IActionResult> NewAccountInvalidAsync(string message, CancellationToken cancellationToken)
    {
        ErrorForNewAccount = true;
        return InvalidAsync(message, cancellationToken);
    }

    /// <summary>The refusal of an action on <paramref name="account"/>, shown in its row.</summary>
    private async Task<IActionResult> RowInvalidAsync(string account, string message, CancellationToken cancellationToken)
    {
        var page = await InvalidAsync(message, cancellationToken);

        // A name that matches no row (removed meanwhile, or a forged post) shows its message above the table.
        ErrorFor = Accounts.Any(a => a.Name == account) ? account : null;
        return page;
    }

    private async Task<IActionResult> InvalidAsync(string message, CancellationToken cancellationToken)
    {
        Error = message;
        Accounts = await accounts.ListAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private Task RecordAsync(AuditAction action, string? account, string? detail) =>
        audit.RecordAsync(new AuditEvent(User.AccountName(), action, Subject: account, Detail: detail,
            Address: LoginThrottle.ClientAddress(HttpContext)), CancellationToken.None);
}
