using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Pages.Admin.Accounts;

/// <summary>Admins only (folder convention): list, create and remove accounts, set a new password for someone.</summary>
public sealed class IndexModel(AccountService accounts, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<UserAccount> Accounts { get; private set; } = [];

    public string? Error { get; private set; }

    public string? NewName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Accounts = await accounts.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? name, string? role, string? password, CancellationToken cancellationToken)
    {
        NewName = name;
        var parsedRole = AccountService.ParseRole(role);
        if (parsedRole is null)
        {
            return await InvalidAsync("Bitte eine Rolle wählen: Redakteur oder Administrator.", cancellationToken);
        }

        try
        {
            var created = await accounts.CreateAsync(name ?? "", parsedRole.Value, password ?? "", cancellationToken);
            logger.LogInformation("{Admin} hat das Konto {Account} ({Role}) angelegt", User.AccountName(), created.Name, created.Role);
            TempData["Message"] = $"Konto „{created.Name}“ angelegt.";
            return Redirect("/admin/konten");
        }
        catch (AccountInputException e)
        {
            return await InvalidAsync(e.Message, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostPasswordAsync(string? name, string? password, CancellationToken cancellationToken)
    {
        try
        {
            await accounts.ChangePasswordAsync(name ?? "", password ?? "", cancellationToken);
            logger.LogInformation("{Admin} hat das Passwort von {Account} neu gesetzt", User.AccountName(), name);
            TempData["Message"] = $"Neues Passwort für „{name}“ gesetzt; alle Sitzungen des Kontos sind beendet.";
            return Redirect("/admin/konten");
        }
        catch (AccountInputException e)
        {
            return await InvalidAsync(e.Message, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.Equals(name, User.AccountName(), StringComparison.Ordinal))
        {
            return await InvalidAsync("Das eigene Konto kann man nicht selbst löschen.", cancellationToken);
        }

        try
        {
            await accounts.RemoveAsync(name ?? "", cancellationToken);
            logger.LogInformation("{Admin} hat das Konto {Account} gelöscht", User.AccountName(), name);
            TempData["Message"] = $"Konto „{name}“ gelöscht.";
            return Redirect("/admin/konten");
        }
        catch (AccountInputException e)
        {
            return await InvalidAsync(e.Message, cancellationToken);
        }
    }

    private async Task<IActionResult> InvalidAsync(string message, CancellationToken cancellationToken)
    {
        Error = message;
        Accounts = await accounts.ListAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
