namespace NewsSite.Core.Accounts;

/// <summary>
/// Editor accounts. Password hashing happens outside (the web project owns ASP.NET Core's PasswordHasher); the store
/// only ever sees hashes. A password change, a role change and a removal each replace the security stamp (or the
/// whole row) and end every session of the account (<see cref="ISessionStore"/>) in the same write, so that no
/// session outlives the credentials or rights it was started with.
/// </summary>
public interface IUserStore
{
    /// <exception cref="AccountExistsException">The name is taken.</exception>
    Task<UserAccount> AddAsync(string name, UserRole role, string passwordHash, CancellationToken cancellationToken = default);

    Task<UserAccount?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Also ends every session of the account.</summary>
    /// <returns>The new security stamp, or null when there is no such account.</returns>
    Task<string?> SetPasswordAsync(string name, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a hash whose algorithm parameters are outdated; the stamp stays, because the password did not change.
    /// Guarded by the old hash so that a password change in between is not undone.
    /// </summary>
    Task RehashAsync(long id, string oldHash, string newHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changing the role also changes the stamp and ends the account's sessions: they hold the old role's rights.
    /// Refused when it would demote the last admin, checked in the same write as the change, so that two admins
    /// demoting each other at once cannot leave none.
    /// </summary>
    Task<AccountChange> SetRoleAsync(string name, UserRole role, CancellationToken cancellationToken = default);

    /// <summary>Deletes the account and its sessions; refused, in the same write, when it is the last admin.</summary>
    Task<AccountChange> RemoveAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>What a role change or a removal did.</summary>
public enum AccountChange
{
    Done,
    NoSuchAccount,

    /// <summary>Refused: the site would be left without an admin, and nobody could manage accounts in the web again.</summary>
    WouldLeaveNoAdmin,
}
