using Microsoft.AspNetCore.Identity;
using NewsSite.Core.Accounts;

namespace NewsSite.Web.Accounts;

/// <summary>A name or password that cannot be used; the message is German and shown as it is.</summary>
public sealed class AccountInputException(string message) : Exception(message);

/// <summary>
/// Accounts with passwords hashed by ASP.NET Core's PasswordHasher (PBKDF2 with a per-password salt). Used by the
/// login page, the admin's account pages and the "user" command alike, so the rules are the same everywhere.
/// </summary>
public sealed class AccountService
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;

    private readonly IUserStore _users;
    private readonly PasswordHasher<UserAccount> _hasher = new();

    // Checked when the name is unknown, so that an unknown name costs the same PBKDF2 work as a wrong password.
    private readonly string _unknownUserHash;

    public AccountService(IUserStore users)
    {
        _users = users;
        _unknownUserHash = _hasher.HashPassword(null!, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }

    public async Task<UserAccount> CreateAsync(string name, UserRole role, string password, CancellationToken cancellationToken = default)
    {
        var normalized = ValidName(name);
        CheckPassword(password);
        try
        {
            return await _users.AddAsync(normalized, role, _hasher.HashPassword(null!, password), cancellationToken);
        }
        catch (AccountExistsException e)
        {
            throw new AccountInputException(e.Message);
        }
    }

    /// <summary>The account when name and password match; null otherwise, after the same work either way.</summary>
    public async Task<UserAccount?> VerifyAsync(string? name, string? password, CancellationToken cancellationToken = default)
    {
        var normalized = AccountName.Normalize(name);
        var account = normalized is null ? null : await _users.FindByNameAsync(normalized, cancellationToken);
        var result = _hasher.VerifyHashedPassword(null!, account?.PasswordHash ?? _unknownUserHash, password ?? "");
        if (account is null || result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await _users.RehashAsync(account.Id, account.PasswordHash, _hasher.HashPassword(null!, password!), cancellationToken);
        }

        return account;
    }

    /// <returns>The new security stamp; every session of the account has ended.</returns>
    public async Task<string> ChangePasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        var normalized = ValidName(name);
        CheckPassword(password);
        return await _users.SetPasswordAsync(normalized, _hasher.HashPassword(null!, password), cancellationToken)
            ?? throw new AccountInputException($"Es gibt kein Konto „{normalized}“.");
    }

    /// <summary>Also ends the account's sessions: they carry the old role. The last admin stays admin.</summary>
    public async Task ChangeRoleAsync(string name, UserRole role, CancellationToken cancellationToken = default)
    {
        var normalized = ValidName(name);
        Refuse(await _users.SetRoleAsync(normalized, role, cancellationToken), normalized,
            $"„{normalized}“ ist das letzte Administratorkonto und bleibt Administrator. Zuerst ein anderes Konto zum Administrator machen.");
    }

    public Task<UserAccount?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        _users.FindByNameAsync(AccountName.Normalize(name) ?? "", cancellationToken);

    public Task<UserAccount?> FindAsync(long id, CancellationToken cancellationToken = default) => _users.FindByIdAsync(id, cancellationToken);

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default) => _users.ListAsync(cancellationToken);

    /// <summary>Deletes the account and ends its sessions; the last admin cannot be removed.</summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        var normalized = ValidName(name);
        Refuse(await _users.RemoveAsync(normalized, cancellationToken), normalized,
            $"„{normalized}“ ist das letzte Administratorkonto und kann nicht gelöscht werden. Zuerst ein anderes Konto zum Administrator machen.");
    }

    public static UserRole? ParseRole(string? role) => UserRoles.Parse(role);

    private static void Refuse(AccountChange change, string name, string lastAdmin)
    {
        switch (change)
        {
            case AccountChange.NoSuchAccount:
                throw new AccountInputException($"Es gibt kein Konto „{name}“.");
            case AccountChange.WouldLeaveNoAdmin:
                throw new AccountInputException(lastAdmin);
        }
    }

    private static string ValidName(string name) =>
        AccountName.Normalize(name) ?? throw new AccountInputException(AccountName.Rule);

    private static void CheckPassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            throw new AccountInputException($"Das Passwort muss mindestens {MinPasswordLength} Zeichen lang sein.");
        }

        if (password.Length > MaxPasswordLength)
        {
            throw new AccountInputException($"Das Passwort darf höchstens {MaxPasswordLength} Zeichen lang sein.");
        }

        if (password.Any(char.IsControl))
        {
            throw new AccountInputException("Das Passwort darf keine Steuerzeichen enthalten.");
        }
    }
}
