namespace NewsSite.Core.Accounts;

/// <summary>
/// Editor accounts. Password hashing happens outside (the web project owns ASP.NET Core's PasswordHasher); the store
/// only ever sees hashes. Every password change also replaces the security stamp, which ends the account's sessions
/// that still carry the old one.
/// </summary>
public interface IUserStore
{
    /// <exception cref="AccountExistsException">The name is taken.</exception>
    Task<UserAccount> AddAsync(string name, UserRole role, string passwordHash, CancellationToken cancellationToken = default);

    Task<UserAccount?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default);

    /// <returns>The new security stamp, or null when there is no such account.</returns>
    Task<string?> SetPasswordAsync(string name, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a hash whose algorithm parameters are outdated; the stamp stays, because the password did not change.
    /// Guarded by the old hash so that a password change in between is not undone.
    /// </summary>
    Task RehashAsync(long id, string oldHash, string newHash, CancellationToken cancellationToken = default);

    /// <summary>Changing the role also changes the stamp: sessions holding the old role's rights end.</summary>
    Task<bool> SetRoleAsync(string name, UserRole role, CancellationToken cancellationToken = default);

    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default);
}
